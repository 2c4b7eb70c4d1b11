// Minting capability tokens (CONTRACT §5), one per task attempt, on acquire and on task-claim.

import { randomUUID } from "node:crypto";

import { canonicalizeS3Prefixes, S3PrefixRefusedError, type S3PrefixRefusalReason } from "../credentials/s3-prefix.js";
import {
  parseTaskTokenClaims,
  TASK_TOKEN_AUDIENCE,
  type TaskTokenClaims,
  type TaskTokenDatasetClaim,
  type TaskTokenS3Claim,
} from "./claims.js";
import { TokenVerificationError } from "./errors.js";
import { signCompactJws } from "./jws.js";
import type { TaskTokenKeyring } from "./keyring.js";

/** Added to the job timeout so a runner finishing at the deadline can still report completion. */
export const TOKEN_TTL_GRACE_SECONDS = 5 * 60;
export const TOKEN_TTL_MAX_SECONDS = 24 * 60 * 60;

export interface MintTaskTokenInput {
  readonly orgId: string;
  /** UUID. */
  readonly taskId: string;
  /** >= 1. */
  readonly attempt: number;
  /** Claim-shaped (as stored in jobs.dataset_grants); validated before signing. */
  readonly datasets: readonly TaskTokenDatasetClaim[];
  /**
   * Claim-shaped (as stored in jobs.s3_grants). Any order, duplicates allowed: every prefix must
   * already be canonical (nothing is repaired), and the lists are deduplicated and sorted.
   */
  readonly s3: TaskTokenS3Claim;
  /** The job's per-attempt wall-clock limit. */
  readonly jobTimeoutSeconds: number;
  /** The lease TTL; the token never expires before a freshly granted lease. */
  readonly leaseSeconds: number;
}

export interface TaskTokenMintOptions {
  readonly keyring: Pick<TaskTokenKeyring, "algorithm" | "signingKid" | "signingKey">;
  /** The `iss` claim; verifiers are configured with the same value. */
  readonly issuer: string;
  /** Injectable clock. */
  readonly now?: () => Date;
}

export interface MintedTaskToken {
  readonly token: string;
  readonly claims: TaskTokenClaims;
  readonly expiresAt: Date;
}

export type TokenMintErrorReason = "invalid_input" | "s3_prefix_refused";

export class TokenMintError extends Error {
  override readonly name = "TokenMintError";
  constructor(
    readonly reason: TokenMintErrorReason,
    message: string,
    /** For s3_prefix_refused: why the prefix was refused. */
    readonly prefixReason?: S3PrefixRefusalReason,
  ) {
    super(message);
  }
}

/**
 * TTL = job timeout + 5 min, capped at 24 h, never shorter than the lease. A lease longer than
 * 24 h cannot satisfy both rules and is refused.
 */
export function taskTokenTtlSeconds(jobTimeoutSeconds: number, leaseSeconds: number): number {
  if (!Number.isInteger(jobTimeoutSeconds) || jobTimeoutSeconds <= 0) {
    throw new TokenMintError("invalid_input", "jobTimeoutSeconds must be a positive integer");
  }
  if (!Number.isInteger(leaseSeconds) || leaseSeconds <= 0 || leaseSeconds > TOKEN_TTL_MAX_SECONDS) {
    throw new TokenMintError("invalid_input", `leaseSeconds must be an integer in 1..${TOKEN_TTL_MAX_SECONDS}`);
  }
  return Math.max(Math.min(jobTimeoutSeconds + TOKEN_TTL_GRACE_SECONDS, TOKEN_TTL_MAX_SECONDS), leaseSeconds);
}

function canonicalPrefixes(list: readonly string[], name: string): string[] {
  if (!Array.isArray(list)) throw new TokenMintError("invalid_input", `s3.${name} must be an array`);
  try {
    return canonicalizeS3Prefixes(list).map((p) => p.uri);
  } catch (error) {
    if (error instanceof S3PrefixRefusedError) {
      throw new TokenMintError("s3_prefix_refused", `${name}[${error.index}] refused: ${error.reason}`, error.reason);
    }
    throw error;
  }
}

/** Mints a signed capability token for one attempt (synchronous: node:crypto signs in place). */
export function mintTaskToken(options: TaskTokenMintOptions, input: MintTaskTokenInput): MintedTaskToken {
  const ttl = taskTokenTtlSeconds(input.jobTimeoutSeconds, input.leaseSeconds);
  const iat = Math.floor((options.now ?? (() => new Date()))().getTime() / 1000);
  const draft = {
    iss: options.issuer,
    aud: TASK_TOKEN_AUDIENCE,
    sub: `task:${input.taskId}`,
    exp: iat + ttl,
    iat,
    jti: randomUUID(),
    org_id: input.orgId,
    task_id: input.taskId,
    attempt: input.attempt,
    datasets: input.datasets,
    s3: {
      read_prefixes: canonicalPrefixes(input.s3.read_prefixes, "read_prefixes"),
      write_prefixes: canonicalPrefixes(input.s3.write_prefixes, "write_prefixes"),
    },
  };
  // Run the verifier's own shape rules on what we are about to sign: never mint a token that
  // every verifier would then refuse.
  let claims: TaskTokenClaims;
  try {
    claims = parseTaskTokenClaims(draft);
  } catch (error) {
    if (error instanceof TokenVerificationError) throw new TokenMintError("invalid_input", error.message);
    throw error;
  }
  const token = signCompactJws({ alg: options.keyring.algorithm, kid: options.keyring.signingKid, typ: "JWT" }, claims, options.keyring.signingKey);
  return { token, claims, expiresAt: new Date(claims.exp * 1000) };
}
