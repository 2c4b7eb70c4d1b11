// Writes the API reference from the proto, so it cannot drift from what the server serves:
//   docs/openapi.json  OpenAPI 3.1 for the contract (JSON) paths: each RPC with an `http` option,
//                      its method, query parameters or body, reply and refusal shapes
//   docs/api.md        the same, rendered for people
// Descriptions are the proto comments (buf build keeps source info); routes come from the same
// `(trace.dispatcher.v1.http)` options the server derives its routing table from. Run by
// `npm run generate`; CI's freshness gate fails when docs/ differs from a fresh run.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFileRegistry, fromBinary, getOption, hasOption, ScalarType } from "@bufbuild/protobuf";
import type { DescEnum, DescField, DescMessage, DescMethod, DescService } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { getComments } from "@bufbuild/protoplugin";
import { HttpMethod, http } from "../gen/ts/trace/dispatcher/v1/options_pb.js";

const ROOT = join(import.meta.dirname, "..");
const image = execFileSync(join(ROOT, "node_modules/.bin/buf"), ["build", "-o", "-#format=binpb"], { cwd: ROOT, maxBuffer: 64 << 20 });
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, image));

type Schema = Record<string, unknown>;
const schemas: Record<string, Schema> = {};

const describe = (desc: DescMessage | DescField | DescEnum | DescMethod | DescService): string =>
  (getComments(desc).leading ?? "").trim().replace(/\s*\n\s*/g, " ");

/** How a message type appears in proto3 JSON (with proto field names, as the server speaks it). */
function messageRef(message: DescMessage): Schema {
  switch (message.typeName) {
    case "google.protobuf.Timestamp":
      return { type: "string", format: "date-time" };
    case "google.protobuf.Struct":
      return { type: "object", additionalProperties: true };
    case "google.protobuf.Value":
      return {};
    default:
      if (!schemas[message.typeName]) {
        schemas[message.typeName] = {}; // placeholder breaks recursion
        schemas[message.typeName] = messageSchema(message);
      }
      return { $ref: `#/components/schemas/${message.typeName}` };
  }
}

function scalarSchema(type: ScalarType): Schema {
  switch (type) {
    case ScalarType.BOOL:
      return { type: "boolean" };
    case ScalarType.STRING:
      return { type: "string" };
    case ScalarType.BYTES:
      return { type: "string", contentEncoding: "base64" };
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return { type: "number" };
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      // proto3 JSON writes 64-bit integers as strings (accepted as numbers too).
      return { type: "string", format: type === ScalarType.UINT64 || type === ScalarType.FIXED64 ? "uint64" : "int64" };
    default:
      return { type: "integer", format: type === ScalarType.UINT32 || type === ScalarType.FIXED32 ? "uint32" : "int32" };
  }
}

const enumSchema = (e: DescEnum): Schema => ({ type: "string", enum: e.values.map((v) => v.name) });

function fieldSchema(field: DescField): Schema {
  let item: Schema;
  switch (field.fieldKind) {
    case "scalar":
      item = scalarSchema(field.scalar);
      break;
    case "enum":
      item = enumSchema(field.enum);
      break;
    case "message":
      item = messageRef(field.message);
      break;
    case "list":
      item = {
        type: "array",
        items: field.listKind === "scalar" ? scalarSchema(field.scalar) : field.listKind === "enum" ? enumSchema(field.enum) : messageRef(field.message),
      };
      break;
    case "map":
      item = {
        type: "object",
        additionalProperties: field.mapKind === "scalar" ? scalarSchema(field.scalar) : field.mapKind === "enum" ? enumSchema(field.enum) : messageRef(field.message),
      };
      break;
  }
  const description = describe(field);
  return description ? { ...item, description } : item;
}

function messageSchema(message: DescMessage): Schema {
  return {
    type: "object",
    description: describe(message),
    properties: Object.fromEntries(message.fields.map((f) => [f.name, fieldSchema(f)])),
    additionalProperties: false,
  };
}

const SECURITY: Record<string, Schema[]> = {
  "trace.dispatcher.v1.AdminService": [{ adminBearer: [] }],
  "trace.dispatcher.v1.TaskService": [{ taskCapability: [] }],
  "trace.dispatcher.v1.QueryService": [{ taskCapability: [] }],
  "trace.dispatcher.v1.WorkerService": [{ workerToken: [] }],
};

const paths: Record<string, Record<string, Schema>> = {};
const services: DescService[] = [];
for (const file of registry.files) {
  if (!file.name.startsWith("trace/dispatcher/v1/")) continue;
  services.push(...file.services);
}
services.sort((a, b) => a.typeName.localeCompare(b.typeName));
for (const service of services) {
  for (const method of service.methods) {
    if (!hasOption(method, http)) continue;
    const route = getOption(method, http);
    const verb = route.method === HttpMethod.GET ? "get" : "post";
    const operation: Schema = {
      operationId: `${service.name}.${method.name}`,
      summary: method.name,
      description: describe(method),
      tags: [service.name],
      security: SECURITY[service.typeName] ?? [],
      responses: {
        "200": { description: "Success", content: { "application/json": { schema: messageRef(method.output) } } },
        default: { description: "A refusal: Connect error code, message and ErrorDetail{reason}", content: { "application/json": { schema: { $ref: "#/components/schemas/ConnectError" } } } },
      },
    };
    if (verb === "get") {
      operation.parameters = method.input.fields.map((f) => ({
        name: f.name,
        in: "query",
        required: false,
        description: describe(f),
        schema: f.fieldKind === "list" ? { type: "array", items: fieldSchema(f)["items"] } : fieldSchema(f),
        ...(f.fieldKind === "list" ? { style: "form", explode: true } : {}),
      }));
    } else {
      operation.requestBody = { required: true, content: { "application/json": { schema: messageRef(method.input) } } };
    }
    (paths[route.path] ??= {})[verb] = operation;
  }
}

schemas["ConnectError"] = {
  type: "object",
  description: "Every refusal: `code` is the Connect code (e.g. failed_precondition); details[0] is a trace.dispatcher.v1.ErrorDetail whose `reason` callers act on.",
  properties: {
    code: { type: "string" },
    message: { type: "string" },
    details: { type: "array", items: { type: "object", properties: { type: { type: "string" }, value: { type: "string" }, debug: { type: "object", properties: { reason: { type: "string" } } } } } },
  },
};

const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
const openapi = {
  openapi: "3.1.0",
  info: {
    title: "Trace Dispatcher API",
    version: "v1",
    description: "Generated from proto/ by scripts/generate-api-reference.ts (npm run generate); do not edit. Each RPC is also served at its Connect path /<package>.<Service>/<Method>.",
  },
  components: {
    securitySchemes: {
      adminBearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <admin token>" },
      taskCapability: { type: "apiKey", in: "header", name: "X-Trace-Task-Capability", description: "The attempt's capability token (JWT)" },
      workerToken: { type: "apiKey", in: "header", name: "X-Trace-Worker-Token" },
    },
    schemas: sortedSchemas,
  },
  paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(join(ROOT, "docs/openapi.json"), `${JSON.stringify(openapi, null, 2)}\n`);

// The same, for people.
const typeName = (s: Schema): string => {
  if (typeof s["$ref"] === "string") return `[${s["$ref"].split(".").pop()}](#${String(s["$ref"].split(".").pop()).toLowerCase()})`;
  if (s["type"] === "array") return `${typeName(s["items"] as Schema)}[]`;
  if (Array.isArray(s["enum"])) return "enum";
  if (s["format"] === "date-time") return "timestamp";
  if (s["type"] === "object") return "object";
  return String(s["type"] ?? "any") + (s["format"] && s["format"] !== "date-time" ? ` (${String(s["format"])})` : "");
};
const cell = (s: string) => s.replace(/\|/g, "\\|");
const lines = [
  "# API reference",
  "",
  "Generated from `proto/` by `scripts/generate-api-reference.ts` (`npm run generate`); do not edit.",
  "Machine-readable: [`openapi.json`](openapi.json). JSON is proto3 JSON with proto field names;",
  "64-bit integers are strings. Every refusal is a Connect error with `ErrorDetail{reason}`.",
  "",
];
for (const service of services) {
  lines.push(`## ${service.name}`, "", describe(service), "", "| method | path | RPC | what |", "|---|---|---|---|");
  for (const method of service.methods) {
    if (!hasOption(method, http)) continue;
    const route = getOption(method, http);
    lines.push(`| ${route.method === HttpMethod.GET ? "GET" : "POST"} | \`${route.path}\` | [${method.name}](#${method.name.toLowerCase()}) | ${cell(describe(method))} |`);
  }
  lines.push("");
  for (const method of service.methods) {
    if (!hasOption(method, http)) continue;
    const route = getOption(method, http);
    const get = route.method === HttpMethod.GET;
    lines.push(`### ${method.name}`, "", `\`${get ? "GET" : "POST"} ${route.path}\` — ${describe(method)}`, "");
    lines.push(`${get ? "Query parameters" : "Request body"} (\`${method.input.name}\`):`, "");
    if (method.input.fields.length === 0) lines.push("(none)", "");
    else {
      lines.push("| field | type | meaning |", "|---|---|---|");
      for (const f of method.input.fields) lines.push(`| \`${f.name}\` | ${typeName(fieldSchema(f))} | ${cell(describe(f))} |`);
      lines.push("");
    }
    lines.push(`Reply: [${method.output.name}](#${method.output.name.toLowerCase()})`, "");
  }
}
lines.push("## Messages", "");
for (const [name, schema] of Object.entries(sortedSchemas)) {
  if (name === "ConnectError") continue;
  const short = name.split(".").pop() ?? name;
  lines.push(`### ${short}`, "", String(schema["description"] ?? ""), "", "| field | type | meaning |", "|---|---|---|");
  for (const [field, fs] of Object.entries((schema["properties"] ?? {}) as Record<string, Schema>)) {
    lines.push(`| \`${field}\` | ${typeName(fs)}${Array.isArray(fs["enum"]) ? `: ${(fs["enum"] as string[]).map((v) => `\`${v}\``).join(", ")}` : ""} | ${cell(String(fs["description"] ?? ""))} |`);
  }
  lines.push("");
}
writeFileSync(join(ROOT, "docs/api.md"), lines.join("\n"));
console.log(`API reference: ${Object.keys(paths).length} paths, ${Object.keys(sortedSchemas).length} schemas → docs/openapi.json, docs/api.md`);
