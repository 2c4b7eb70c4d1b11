// Downloads the bundle from its presigned URL with a hard byte cap. The URL's query string is a
// credential: it never appears in an error or a log line (see redactUrl).

import { RunnerFailure } from "./failure.js";

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** scheme://host/path without the query string or fragment (which carry the signature). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "<invalid url>";
  }
}

export async function downloadBundle(url: string, options: DownloadOptions): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RunnerFailure("bundle_download_failed", "bundle_url is not a valid URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new RunnerFailure("bundle_download_failed", "bundle_url must be http(s)");
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(parsed, { signal, redirect: "error" });
  } catch {
    throw new RunnerFailure("bundle_download_failed", timeout.aborted ? "download timed out" : "download request failed");
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new RunnerFailure("bundle_download_failed", `download answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new RunnerFailure("bundle_rejected", `bundle exceeds ${options.maxBytes} bytes`);
  }
  if (response.body === null) return new Uint8Array(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new RunnerFailure("bundle_rejected", `bundle exceeds ${options.maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RunnerFailure) throw error;
    throw new RunnerFailure("bundle_download_failed", timeout.aborted ? "download timed out" : "download interrupted");
  }
  return new Uint8Array(Buffer.concat(chunks));
}
