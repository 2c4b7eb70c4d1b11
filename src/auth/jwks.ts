// The document served at GET /internal/jwks/task (CONTRACT §1 "verifier", §5): public keys only.

import type { PublicEs256Jwk, TaskTokenKeyring } from "./keyring.js";
import { toPublicJwk } from "./keyring.js";

/**
 * Verifiers may cache the JWKS this long. Rotation must add a new key at least this long before it
 * starts signing only if verifiers do not refetch on an unknown kid; jose's remote JWKS does
 * refetch (after a short cooldown), so the real constraint is on retirement: an old key must stay
 * listed for the longest token TTL (24 h) after it stopped signing.
 */
export const JWKS_DEFAULT_MAX_AGE_SECONDS = 300;

export interface TaskJwksResponse {
  readonly body: { readonly keys: readonly PublicEs256Jwk[] };
  readonly contentType: "application/json";
  readonly cacheControl: string;
  readonly maxAgeSeconds: number;
}

/** Builds the JWKS response for a keyring. In HS256 local mode the key list is empty. */
export function taskJwksResponse(
  keyring: Pick<TaskTokenKeyring, "publicJwks">,
  options: { maxAgeSeconds?: number } = {},
): TaskJwksResponse {
  const maxAgeSeconds = Math.max(0, Math.floor(options.maxAgeSeconds ?? JWKS_DEFAULT_MAX_AGE_SECONDS));
  // Re-strip every key even though the keyring already holds public keys only: defence in depth.
  const keys = keyring.publicJwks.keys.map(toPublicJwk);
  return {
    body: { keys },
    contentType: "application/json",
    cacheControl: `public, max-age=${maxAgeSeconds}`,
    maxAgeSeconds,
  };
}
