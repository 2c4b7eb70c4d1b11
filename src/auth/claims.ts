// The capability token's claims (CONTRACT §5) and their explicit shape validation. Kept free of
// imports outside src/auth so that verify.ts can be copied or imported by another service.

import { TokenVerificationError } from "./errors.js";

export const TASK_TOKEN_AUDIENCE = "trace.task";

export interface TaskTokenDatasetClaim {
  readonly dataset_uuid: string;
  readonly dataset_version: string;
  readonly storage_ref?: string;
}

export interface TaskTokenS3Claim {
  /** Canonical `s3://bucket/prefix/` strings. */
  readonly read_prefixes: readonly string[];
  readonly write_prefixes: readonly string[];
}

export interface TaskTokenClaims {
  readonly iss: string;
  readonly aud: typeof TASK_TOKEN_AUDIENCE;
  /** `task:{task_id}` */
  readonly sub: string;
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly org_id: string;
  /** UUID. */
  readonly task_id: string;
  /** Starts at 1. */
  readonly attempt: number;
  readonly datasets: readonly TaskTokenDatasetClaim[];
  readonly s3: TaskTokenS3Claim;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A light structural check only: the credentials module re-canonicalizes every prefix with the
// full deny-by-default rules before it builds a policy.
const S3_PREFIX_SHAPE = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[\x21-\x7e]*\/$/;
const MAX_STRING = 1024;
const MAX_LIST = 1000;
const MAX_ATTEMPT = 0xffff_ffff;

function invalid(claim: string, why: string): never {
  throw new TokenVerificationError("claims_invalid", `claim ${claim} ${why}`, claim);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, key: string, path = key): string {
  const value = record[key];
  if (value === undefined) invalid(path, "is missing");
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_STRING) {
    invalid(path, "must be a non-empty string");
  }
  return value;
}

function requireUuid(record: Record<string, unknown>, key: string, path = key): string {
  const value = requireString(record, key, path);
  if (!UUID.test(value)) invalid(path, "must be a UUID");
  return value;
}

function requireNumericDate(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (value === undefined) invalid(key, "is missing");
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    invalid(key, "must be a positive integer NumericDate");
  }
  return value;
}

function requireList(record: Record<string, unknown>, key: string, path: string): unknown[] {
  const value = record[key];
  if (value === undefined) invalid(path, "is missing");
  if (!Array.isArray(value)) invalid(path, "must be an array");
  if (value.length > MAX_LIST) invalid(path, "has too many entries");
  return value;
}

function parseDataset(value: unknown, index: number): TaskTokenDatasetClaim {
  const path = `datasets[${index}]`;
  if (!isRecord(value)) invalid(path, "must be an object");
  const dataset_uuid = requireUuid(value, "dataset_uuid", `${path}.dataset_uuid`);
  const dataset_version = requireString(value, "dataset_version", `${path}.dataset_version`);
  if (value.storage_ref === undefined) return { dataset_uuid, dataset_version };
  const storage_ref = requireString(value, "storage_ref", `${path}.storage_ref`);
  return { dataset_uuid, dataset_version, storage_ref };
}

function parsePrefixes(s3: Record<string, unknown>, key: "read_prefixes" | "write_prefixes"): string[] {
  const path = `s3.${key}`;
  return requireList(s3, key, path).map((entry, index) => {
    if (typeof entry !== "string" || entry.length > MAX_STRING || !S3_PREFIX_SHAPE.test(entry)) {
      invalid(`${path}[${index}]`, "must be an s3://bucket/prefix/ string");
    }
    return entry;
  });
}

/**
 * Validates every required claim's presence and shape and returns the typed claims (only the
 * known members; anything extra is dropped). Throws TokenVerificationError("claims_invalid").
 * Temporal checks (exp, iat in the future) are the caller's, with its clock.
 */
export function parseTaskTokenClaims(payload: unknown): TaskTokenClaims {
  if (!isRecord(payload)) invalid("payload", "must be a JSON object");
  const iss = requireString(payload, "iss");
  if (payload.aud === undefined) invalid("aud", "is missing");
  if (payload.aud !== TASK_TOKEN_AUDIENCE) invalid("aud", `must be the string "${TASK_TOKEN_AUDIENCE}"`);
  const sub = requireString(payload, "sub");
  const exp = requireNumericDate(payload, "exp");
  const iat = requireNumericDate(payload, "iat");
  if (exp <= iat) invalid("exp", "must be after iat");
  const jti = requireString(payload, "jti");
  const org_id = requireString(payload, "org_id");
  const task_id = requireUuid(payload, "task_id");
  if (sub !== `task:${task_id}`) invalid("sub", "must be task:{task_id}");
  const attempt = payload.attempt;
  if (attempt === undefined) invalid("attempt", "is missing");
  if (typeof attempt !== "number" || !Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    invalid("attempt", "must be an integer >= 1");
  }
  const datasets = requireList(payload, "datasets", "datasets").map(parseDataset);
  const s3 = payload.s3;
  if (s3 === undefined) invalid("s3", "is missing");
  if (!isRecord(s3)) invalid("s3", "must be an object");
  const read_prefixes = parsePrefixes(s3, "read_prefixes");
  const write_prefixes = parsePrefixes(s3, "write_prefixes");
  return {
    iss,
    aud: TASK_TOKEN_AUDIENCE,
    sub,
    exp,
    iat,
    jti,
    org_id,
    task_id,
    attempt,
    datasets,
    s3: { read_prefixes, write_prefixes },
  };
}
