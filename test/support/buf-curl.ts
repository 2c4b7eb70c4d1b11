// `buf curl` (the @bufbuild/buf npm package), a Connect/gRPC/gRPC-Web client the project did not
// write, against the repository's proto schema: each protocol on each HTTP version a client may use.
import { execFile } from "node:child_process";
import { fromBinary } from "@bufbuild/protobuf";
import { base64Decode } from "@bufbuild/protobuf/wire";
import { expect } from "vitest";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";

/** The Connect/gRPC path prefix of the project's services. */
export const SERVICE = "/trace.dispatcher.v1.";

/** Each protocol on each HTTP version a client may use: gRPC is HTTP/2 only. */
export const VARIANTS = [
  { name: "connect over HTTP/1.1", args: ["--protocol", "connect"] },
  { name: "connect over h2c", args: ["--protocol", "connect", "--http2-prior-knowledge"] },
  { name: "grpc over h2c", args: ["--protocol", "grpc", "--http2-prior-knowledge"] },
  { name: "grpcweb over HTTP/1.1", args: ["--protocol", "grpcweb"] },
  { name: "grpcweb over h2c", args: ["--protocol", "grpcweb", "--http2-prior-knowledge"] },
] as const;

/** A named set of buf curl flags choosing protocol and transport. */
export interface Variant {
  readonly name: string;
  readonly args: readonly string[];
}

export interface CurlResult {
  ok: boolean;
  json: Record<string, unknown>;
}

/** Calls `method` ("AdminService/ListJobs") at `baseUrl`; a failed call's error JSON comes on stderr. */
export async function bufCurl(baseUrl: string, variant: Variant, method: string, body: unknown, headers: Record<string, string>): Promise<CurlResult> {
  const args = ["curl", "--schema", "proto", ...variant.args, "-d", JSON.stringify(body)];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
  args.push(`${baseUrl}${SERVICE}${method}`);
  // Asynchronous: the server answering it usually runs in this process.
  return new Promise((resolve, reject) => {
    execFile("buf", args, { encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
      const text = error === null ? stdout : stderr;
      try {
        resolve({ ok: error === null, json: JSON.parse(text) as Record<string, unknown> });
      } catch {
        reject(new Error(`buf curl ${variant.name} ${method}: ${error?.message ?? ""}\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** The code and ErrorDetail reasons of a failed buf curl call (details come base64-encoded). */
export function refusalOf(result: CurlResult): { code: unknown; reasons: string[] } {
  expect(result.ok).toBe(false);
  const details = (result.json["details"] ?? []) as { type: string; value: string }[];
  const reasons = details.filter((d) => d.type === "trace.dispatcher.v1.ErrorDetail").map((d) => fromBinary(ErrorDetailSchema, base64Decode(d.value)).reason);
  return { code: result.json["code"], reasons };
}
