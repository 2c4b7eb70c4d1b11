// ctx.query(): reads rows of a granted dataset through the Query Service (POST /v1/task/query)
// with the attempt's capability token. Rows come back as objects keyed by column name; 64-bit and
// wider integer columns (sent as strings on the wire) become bigint, everything else stays as the
// JSON the service sent (DECIMAL as a string, dates and timestamps as strings).
import type { JsonValue } from "@bufbuild/protobuf";
import { toJson } from "@bufbuild/protobuf";
import { ListValueSchema } from "@bufbuild/protobuf/wkt";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { QueryService } from "@trace/dispatcher-proto/v1/query_pb.js";

export interface QueryOptions {
  /** The granted dataset's uuid (as in the token's datasets[]). */
  dataset: string;
  /** Most rows (default 1,000, at most 10,000). */
  limit?: number;
  signal?: AbortSignal;
}

export interface QueryColumn {
  name: string;
  type: string;
}

export type QueryValue = JsonValue | bigint;
export type QueryRow = Record<string, QueryValue>;

export interface QueryResult<Row = QueryRow> {
  columns: QueryColumn[];
  rows: Row[];
  /** True when rows were cut by the limit or the response byte cap. */
  truncated: boolean;
  rowCount: number;
  byteCount: bigint;
  datasetVersion: string;
}

const BIGINT_TYPES = new Set(["BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT"]);

export function createQueryClient(baseUrl: string | undefined, transport?: Transport): Client<typeof QueryService> {
  if (!transport && !baseUrl) throw new Error("queryUrl not given and neither TRACE_QUERY_URL nor TRACE_DISPATCHER_URL is set");
  return createClient(
    QueryService,
    transport ?? createConnectTransport({ baseUrl: baseUrl ?? "", httpVersion: "1.1", jsonOptions: { useProtoFieldName: true } }),
  );
}

/** Turns the wire reply into typed row objects. */
export function toQueryResult<Row>(reply: {
  columns: QueryColumn[];
  rows: Parameters<typeof toJson<typeof ListValueSchema>>[1][];
  truncated: boolean;
  rowCount: number;
  byteCount: bigint;
  datasetVersion: string;
}): QueryResult<Row> {
  const columns = reply.columns.map((c) => ({ name: c.name, type: c.type }));
  const rows = reply.rows.map((list) => {
    const values = toJson(ListValueSchema, list) as JsonValue[];
    const row: QueryRow = {};
    columns.forEach((column, i) => {
      const value = values[i] ?? null;
      row[column.name] = BIGINT_TYPES.has(column.type) && typeof value === "string" ? BigInt(value) : value;
    });
    return row as Row;
  });
  return { columns, rows, truncated: reply.truncated, rowCount: reply.rowCount, byteCount: reply.byteCount, datasetVersion: reply.datasetVersion };
}
