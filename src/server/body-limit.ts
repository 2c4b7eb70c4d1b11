// Caps request bodies without buffering them: a declared Content-Length is checked before a byte
// is read, and a chunked body is counted as it streams.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import { Code } from "@connectrpc/connect";
import { refuse, TransportReason } from "../rpc/errors.js";

/** Default request body cap (CONTRACT §4): 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(maxBytes: number) {
  return refuse(Code.ResourceExhausted, TransportReason.bodyTooLarge, `request body exceeds ${maxBytes} bytes`);
}

/** True when the request declares a Content-Length above `maxBytes`. */
export function declaresTooLargeBody(request: { readonly headers: IncomingHttpHeaders }, maxBytes: number): boolean {
  const declared = request.headers["content-length"];
  return declared !== undefined && Number(declared) > maxBytes;
}

/**
 * The request body as chunks, failing with resource_exhausted/body_too_large as soon as more than
 * `maxBytes` arrived. On overflow the source is deliberately NOT closed: destroying the request
 * would reset the socket before the 413 is written; the refusal closes the connection instead,
 * draining what is left first (lingerBeforeClose).
 */
export function cappedBody(request: Readable, maxBytes: number): AsyncIterable<Uint8Array> {
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

/** How long, and for how many more bytes, a refused connection is drained before it is closed. */
export interface LingerLimits {
  readonly maxMs: number;
  readonly maxBytes: number;
}

/** 2 s or 8 MiB: enough for a client to finish sending a body a few times the default cap. */
export const DEFAULT_LINGER: LingerLimits = { maxMs: 2_000, maxBytes: 8 * 1024 * 1024 };

/**
 * Makes the close that follows a refusal of an unread body a lingering one. Closing a socket
 * whose kernel buffer still holds unread request bytes sends a TCP reset, and a client still
 * writing its body (curl, Python requests, a runner) loses the 413 sitting in its own receive
 * buffer. Instead: send FIN after the answer, keep reading (node's HTTP parser discards the rest of
 * the body) until the body ended or the client closed, and cut the connection only past `limits` (bounded work for
 * an endless body). Node closes a `connection: close` response's socket with destroySoon(); this
 * socket's destroySoon is replaced by the lingering close.
 */
export function lingerBeforeClose(request: IncomingMessage, limits: LingerLimits = DEFAULT_LINGER): void {
  const socket: Socket = request.socket;
  const readBefore = socket.bytesRead;
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
    const deadline = setTimeout(() => socket.destroy(), limits.maxMs);
    const budget = setInterval(() => {
      if (socket.bytesRead - readBefore > limits.maxBytes) socket.destroy();
    }, 20);
    deadline.unref();
    budget.unref();
    socket.once("close", () => {
      clearTimeout(deadline);
      clearInterval(budget);
    });
    // Once the client closed, or its whole body was read, nothing unread can be left to reset.
    socket.once("end", () => socket.destroy());
    if (request.readableEnded) socket.destroy();
    else request.once("end", () => socket.destroy());
    // A body abandoned mid-read (cappedBody stopped pulling) stays paused, and resume() cannot
    // restart a stream with 'readable' listeners: read and drop what arrives instead.
    const discard = () => {
      while (request.read() !== null);
    };
    request.on("readable", discard);
    discard();
  };
}
