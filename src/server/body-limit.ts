// Caps request bodies without buffering them: a declared Content-Length is checked before a byte
// is read, and a chunked body is counted as it streams.
import type { IncomingMessage } from "node:http";
import { Code } from "@connectrpc/connect";
import { refuse, TransportReason } from "../rpc/errors.js";

/** Default request body cap (CONTRACT §4): 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(maxBytes: number) {
  return refuse(Code.ResourceExhausted, TransportReason.bodyTooLarge, `request body exceeds ${maxBytes} bytes`);
}

/** True when the request declares a Content-Length above `maxBytes`. */
export function declaresTooLargeBody(request: IncomingMessage, maxBytes: number): boolean {
  const declared = request.headers["content-length"];
  return declared !== undefined && Number(declared) > maxBytes;
}

/**
 * The request body as chunks, failing with resource_exhausted/body_too_large as soon as more than
 * `maxBytes` arrived. On overflow the source is deliberately NOT closed: destroying the request
 * would reset the socket before the 413 is written; the refusal closes the connection instead.
 */
export function cappedBody(request: IncomingMessage, maxBytes: number): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const source = request[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      let received = 0;
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          const item = await source.next();
          if (item.done === true) return item;
          received += item.value.byteLength;
          if (received > maxBytes) throw bodyTooLarge(maxBytes);
          return item;
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          if (received <= maxBytes) await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
