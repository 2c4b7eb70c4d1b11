// Typed failures of capability-token verification. Every reason maps to Connect `unauthenticated`
// on the wire (CONTRACT §4 steps 1-2); the reason is for logs, metrics and ErrorDetail.reason.
// Messages never contain the token itself.

export type TokenVerificationReason =
  /** No token was presented (absent or empty header). */
  | "token_missing"
  /** Not a compact JWS/JWT, oversized, or otherwise unparseable. */
  | "token_malformed"
  /** The signature does not verify with the key named by `kid`. */
  | "token_invalid"
  | "token_expired"
  /** `nbf` or `iat` lies in the future (beyond the clock tolerance). */
  | "token_not_yet_valid"
  /** `alg` is not the one this verifier is configured for (includes `none`). */
  | "algorithm_not_allowed"
  /** The protected header has no `kid`. */
  | "kid_missing"
  /** `kid` names no configured or published key. */
  | "unknown_kid"
  | "issuer_mismatch"
  | "audience_mismatch"
  /** A required claim is missing or has the wrong shape; `claim` says which. */
  | "claims_invalid"
  /** A remote JWKS could not be fetched or parsed (transient for the verifier). */
  | "jwks_unavailable";

export class TokenVerificationError extends Error {
  override readonly name = "TokenVerificationError";
  constructor(
    readonly reason: TokenVerificationReason,
    message: string = reason,
    /** For `claims_invalid` (and issuer/audience): the offending claim or header name. */
    readonly claim?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
