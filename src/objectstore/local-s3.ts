// The embedded S3-compatible object store behind `npm start`: path-style buckets, PutObject,
// GetObject, HeadObject, CreateBucket and ListObjectsV2 (one page, prefix only; the Query
// Service lists a dataset version's objects), every request checked with SigV4 (header-signed or
// presigned), objects kept on disk (or in memory for tests). It is a development default, not a
// production store: no multipart uploads, no list continuation, one credential pair.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { verifySigV4, type SigV4Credentials } from "./sigv4.js";

export interface LocalS3Options {
  credentials: SigV4Credentials;
  /** Directory for objects; omit to keep them in memory. */
  dataDir?: string;
  host?: string;
  port?: number;
  /** Largest accepted object. Bundles are capped at 256 MiB uncompressed, zips are smaller. */
  maxObjectBytes?: number;
  now?: () => Date;
}

export interface LocalS3 {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_OBJECT_BYTES = 300 * 1024 * 1024;

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const memory = new Map<string, Buffer>();
  const buckets = new Set<string>();
  const maxBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  const now = options.now ?? (() => new Date());

  // Object files are named by the hex of bucket/key, so no key can escape the data directory.
  const fileOf = (bucket: string, key: string) =>
    join(options.dataDir ?? "", Buffer.from(`${bucket}/${key}`, "utf8").toString("hex"));

  async function load(bucket: string, key: string): Promise<Buffer | undefined> {
    if (!options.dataDir) return memory.get(`${bucket}/${key}`);
    return readFile(fileOf(bucket, key)).catch(() => undefined);
  }

  async function store(bucket: string, key: string, body: Buffer): Promise<void> {
    if (!options.dataDir) return void memory.set(`${bucket}/${key}`, body);
    const file = fileOf(bucket, key);
    await writeFile(`${file}.tmp`, body);
    await rename(`${file}.tmp`, file);
  }

  /** Keys of `bucket` starting with `prefix`, sorted, with their sizes. */
  async function list(bucket: string, prefix: string): Promise<Array<{ key: string; size: number; etag: string }>> {
    const entries: Array<{ key: string; body: Buffer }> = [];
    if (!options.dataDir) {
      for (const [name, body] of memory) entries.push({ key: name, body });
    } else {
      for (const file of await readdir(options.dataDir)) {
        if (file.endsWith(".tmp")) continue;
        const body = await readFile(join(options.dataDir, file)).catch(() => undefined);
        if (body) entries.push({ key: Buffer.from(file, "hex").toString("utf8"), body });
      }
    }
    return entries
      .filter((e) => e.key.startsWith(`${bucket}/${prefix}`))
      .map((e) => ({ key: e.key.slice(bucket.length + 1), size: e.body.length, etag: etagOf(e.body) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://local");
    const auth = verifySigV4(
      { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers },
      options.credentials,
      now(),
    );
    if (!auth.ok) {
      req.resume();
      const message = auth.reason === "expired" ? "Request has expired" : "The request signature is not valid";
      return s3Error(res, 403, auth.reason === "expired" ? "AccessDenied" : "SignatureDoesNotMatch", message);
    }
    const [, rawBucket = "", ...rawKey] = url.pathname.split("/");
    const bucket = decodeURIComponent(rawBucket);
    const key = rawKey.map(decodeURIComponent).join("/");
    if (!bucket) return s3Error(res, 400, "InvalidRequest", "Path-style bucket required");
    if (!key) {
      req.resume();
      if (req.method === "GET" && url.searchParams.get("list-type") === "2") {
        const prefix = url.searchParams.get("prefix") ?? "";
        const contents = (await list(bucket, prefix))
          .map((o) => `<Contents><Key>${xmlEscape(o.key)}</Key><Size>${o.size}</Size><ETag>${xmlEscape(o.etag)}</ETag></Contents>`)
          .join("");
        res.writeHead(200, { "content-type": "application/xml" });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`);
        return;
      }
      if (req.method !== "PUT") return s3Error(res, 405, "MethodNotAllowed", "Only CreateBucket is supported on a bucket");
      buckets.add(bucket);
      res.writeHead(200, { location: `/${bucket}` }).end();
      return;
    }
    if (req.method === "PUT") {
      const declared = Number(req.headers["content-length"] ?? "0");
      if (declared > maxBytes) {
        req.resume();
        return s3Error(res, 400, "EntityTooLarge", "Object is larger than this store accepts");
      }
      const body = await readBody(req, maxBytes);
      if (!body) return s3Error(res, 400, "EntityTooLarge", "Object is larger than this store accepts");
      buckets.add(bucket);
      await store(bucket, key, body);
      res.writeHead(200, { etag: etagOf(body) }).end();
      return;
    }
    if (req.method === "GET" || req.method === "HEAD") {
      req.resume();
      const body = await load(bucket, key);
      if (!body) return s3Error(res, 404, "NoSuchKey", "The specified key does not exist.");
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(body.length),
        etag: etagOf(body),
      });
      res.end(req.method === "GET" ? body : undefined);
      return;
    }
    req.resume();
    s3Error(res, 405, "MethodNotAllowed", "Unsupported method");
  }

  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => s3Error(res, 500, "InternalError", "Internal error"));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function etagOf(body: Buffer): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.end();
  res
    .writeHead(status, { "content-type": "application/xml" })
    .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
