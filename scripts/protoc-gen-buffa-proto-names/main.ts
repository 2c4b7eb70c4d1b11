// protoc-gen-buffa-proto-names: runs protoc-gen-buffa (the official buffa generator, on PATH) and
// swaps the JSON names in its serde attributes, so messages serialize with the proto field names
// (`task_id`) and still accept the lowerCamelCase json_name (`taskId`) on input.
//
// Why this exists: the contract's JSON uses proto field names (README "The contract", the shared
// vectors in test/vectors), but buffa 0.9 always writes a field under its json_name and only
// accepts the proto name as an alias (`#[serde(rename = "taskId", alias = "task_id")]`); it has
// no option like protobuf's `preserve_proto_field_names`. Without the swap
// test/contract/rust/tests/vectors.rs fails (`task_id: missing`). Nothing else changes.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { CodeGeneratorResponseSchema, CodeGeneratorResponse_Feature } from "@bufbuild/protobuf/wkt";

// buffa emits `rename = "<json_name>",` then, when it differs, `alias = "<proto name>"`.
const renameThenAlias = /rename = "([^"]+)",(\s*)alias = "([^"]+)"/g;

function preferProtoNames(source: string): string {
  return source.replace(renameThenAlias, 'rename = "$3",$2alias = "$1"');
}

const buffa = spawnSync("protoc-gen-buffa", { input: readFileSync(0), maxBuffer: 1 << 30 });
if (buffa.error) throw new Error(`protoc-gen-buffa: ${buffa.error.message}`);
if (buffa.stderr.length > 0) process.stderr.write(buffa.stderr);
if (buffa.status !== 0) {
  process.exitCode = buffa.status ?? 1;
} else {
  const response = fromBinary(CodeGeneratorResponseSchema, buffa.stdout);
  for (const file of response.file) file.content = preferProtoNames(file.content);
  // buffa 0.9.2 announces editions support without the edition range buf requires with it
  // ("FEATURE_SUPPORTS_EDITIONS specified but no minimum_edition set"); the contract is proto3,
  // so the announcement is dropped rather than a range invented.
  if (response.minimumEdition === 0) {
    response.supportedFeatures &= ~BigInt(CodeGeneratorResponse_Feature.SUPPORTS_EDITIONS);
  }
  process.stdout.write(toBinary(CodeGeneratorResponseSchema, response));
}
