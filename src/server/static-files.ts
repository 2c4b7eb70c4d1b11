// Static files under one path prefix (the operator console's build), read into memory once: the
// build is small, and serving from memory means a request can never reach outside the directory
// (no path from a URL is ever joined onto the file system).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";

export interface StaticReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

export interface StaticMount {
  /** The prefix, with its trailing slash, e.g. "/console/". */
  readonly prefix: string;
  /** The reply for a path under the prefix (or the prefix without its slash). */
  reply(pathname: string): StaticReply;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticMountOptions {
  readonly prefix: string;
  readonly dir: string;
  /** Headers for every reply (e.g. a Content-Security-Policy). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Files whose names carry a content hash: cached for a year, never revalidated. */
  readonly immutable?: (relativePath: string) => boolean;
  /** What a missing directory answers, e.g. how to build it. */
  readonly missingMessage?: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function createStaticMount(options: StaticMountOptions): StaticMount {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (existsSync(options.dir)) {
    for (const path of filesUnder(options.dir)) {
      const name = relative(options.dir, path).split(sep).join("/");
      files.set(name, { body: readFileSync(path), type: CONTENT_TYPES[extname(path)] ?? "application/octet-stream" });
    }
  }
  const common = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", ...options.headers };
  const text = (status: number, message: string): StaticReply => ({
    status,
    headers: { ...common, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    body: message,
  });
  return {
    prefix: options.prefix,
    reply(pathname) {
      if (pathname === options.prefix.slice(0, -1)) return { status: 308, headers: { ...common, location: options.prefix }, body: "" };
      if (files.size === 0) return text(404, options.missingMessage ?? "not built");
      const name = pathname.slice(options.prefix.length) || "index.html";
      const file = files.get(name);
      if (file === undefined) return text(404, "not found");
      const cacheControl = options.immutable?.(name) ? "public, max-age=31536000, immutable" : "no-cache";
      return { status: 200, headers: { ...common, "content-type": file.type, "cache-control": cacheControl }, body: file.body };
    },
  };
}
