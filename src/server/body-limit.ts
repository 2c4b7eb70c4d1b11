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
 *
 * Read with 'data' events rather than the stream's async iterator: a request body is usually one
 * small chunk, and the iterator's per-request machinery (an async generator, end-of-stream
 * listeners, a promise per step) cost more than the body. Everything that arrived while the
 * reader was away is handed over as one chunk.
 */
export function cappedBody(request: Readable, maxBytes: number): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      let buffered: Buffer[] = [];
      let received = 0;
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const detach = () => {
        request.off("data", onData);
        request.off("end", onEnd);
        request.off("error", onError);
      };
      const settle = () => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      function onData(chunk: Buffer): void {
        received += chunk.byteLength;
        if (received > maxBytes) {
          // Stop reading; what is left is drained by the refusal's lingering close.
          failure = bodyTooLarge(maxBytes);
          detach();
          request.pause();
        } else buffered.push(chunk);
        settle();
      }
      function onEnd(): void {
        ended = true;
        detach();
        settle();
      }
      function onError(error: Error): void {
        failure = error;
        detach();
        settle();
      }
      request.on("data", onData);
      request.once("end", onEnd);
      request.once("error", onError);
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          while (buffered.length === 0 && !ended && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
          if (buffered.length > 0) {
            const value = buffered.length === 1 ? (buffered[0] as Buffer) : Buffer.concat(buffered);
            buffered = [];
            return { done: false, value };
          }
          if (failure !== undefined) throw failure;
          return { done: true, value: undefined };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          // The reader gave up early: stop pulling (as the iterator did with destroyOnReturn off).
          if (failure === undefined && !ended) {
            detach();
            request.pause();
          }
          buffered = [];
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * The whole request body under the same cap as cappedBody, as one promise: what a unary call
 * reads (unary-json.ts), without an iterator's promise per step. On overflow the source is left
 * unclosed, as cappedBody leaves it.
 */
export function readCappedBody(request: Readable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const detach = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    function onData(chunk: Buffer): void {
      received += chunk.byteLength;
      if (received <= maxBytes) return void chunks.push(chunk);
      detach();
      request.pause();
      reject(bodyTooLarge(maxBytes));
    }
    function onEnd(): void {
      detach();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    }
    function onError(error: Error): void {
      detach();
      reject(error);
    }
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", onError);
  });
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
