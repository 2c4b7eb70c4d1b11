// Proves the breaking-change gate (scripts/ci/contract-gates.sh, buf.yaml rule set FILE) catches
// what would silently break runners: each mutation copies proto/ to a temp dir, edits it, and runs
// `buf breaking` against the untouched copy. Breaking edits must fail, additive ones must pass.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const buf = join(root, "node_modules", ".bin", "buf");
const payloadProto = "trace/dispatcher/v1/payload.proto";
const taskProto = "trace/dispatcher/v1/task.proto";

let workDir: string;
let original: string;

function copyModule(target: string): void {
  cpSync(join(root, "proto"), join(target, "proto"), { recursive: true });
  cpSync(join(root, "buf.yaml"), join(target, "buf.yaml"));
}

/** Copies the module, applies `edit` to one file (which must change it), runs buf breaking. */
function breakingAfter(file: string, edit: (source: string) => string): { status: number | null; output: string } {
  const mutated = mkdtempSync(join(workDir, "mutated-"));
  copyModule(mutated);
  const path = join(mutated, "proto", file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after, "the mutation must change the file").not.toBe(before);
  writeFileSync(path, after);
  const result = spawnSync(buf, ["breaking", mutated, "--against", original], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "buf-breaking-"));
  original = join(workDir, "original");
  copyModule(original);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("buf breaking gate", () => {
  it("passes for the unchanged module", () => {
    const result = breakingAfter(payloadProto, (s) => `${s}\n`);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("passes for an additive change (new field, new message)", () => {
    const result = breakingAfter(payloadProto, (s) =>
      s
        .replace(
          "repeated DatasetEvent inputs = 11;",
          "repeated DatasetEvent inputs = 11;\n  // Added later.\n  string trace_id = 99;",
        )
        .concat("\n// Added later.\nmessage Extra {\n  // Added later.\n  string note = 1;\n}\n"),
    );
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails when a field is renumbered", () => {
    const result = breakingAfter(payloadProto, (s) => s.replace("uint32 attempt = 2;", "uint32 attempt = 99;"));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/attempt/);
  });

  it("fails when a field's JSON name changes", () => {
    const result = breakingAfter(payloadProto, (s) =>
      s.replace("string lease_token = 3;", 'string lease_token = 3 [json_name = "fence"];'),
    );
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/json/i);
  });

  it("fails when a field is renamed (proto JSON name changes)", () => {
    const result = breakingAfter(payloadProto, (s) => s.replace("string bundle_url = 6;", "string bundle_uri = 6;"));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/bundle_url/);
  });

  it("fails when a field's type changes", () => {
    const result = breakingAfter(taskProto, (s) => s.replace("uint64 batch_size_bytes = 6;", "uint32 batch_size_bytes = 6;"));
    expect(result.status).not.toBe(0);
  });

  it("fails when an enum value is renamed", () => {
    const result = breakingAfter(taskProto, (s) => s.replace("TASK_STATUS_CANCELED = 3;", "TASK_STATUS_ABORTED = 3;"));
    expect(result.status).not.toBe(0);
  });

  it("fails when an RPC is removed", () => {
    const result = breakingAfter(taskProto, (s) =>
      s.replace(/\n {2}\/\/ GetCredentials mints[\s\S]*?\n {2}\}\n/, "\n"),
    );
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/GetCredentials/);
  });
});
