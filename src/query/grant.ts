// Which dataset version a query may read (CONTRACT §8): the dataset must be one of the token's
// datasets[] grants, carry a storage_ref, and that storage_ref must be a canonical prefix inside
// one of the token's canonical s3.read_prefixes. The canonicalizer is the one behind
// /v1/task/credentials, so the Query Service can never read more than the task's own credentials
// could. Everything here is computed from the verified token alone; the request only names which
// grant it wants.
import type { TaskTokenClaims } from "../auth/index.js";
import { canonicalizeS3Prefix, type CanonicalS3Prefix } from "../credentials/s3-prefix.js";

export type GrantRefusalReason = "dataset_not_granted" | "dataset_not_readable" | "storage_ref_invalid" | "storage_ref_outside_read_prefixes";

export interface ReadableDataset {
  readonly datasetUuid: string;
  readonly datasetVersion: string;
  readonly storage: CanonicalS3Prefix;
}

export type GrantResult =
  | { readonly ok: true; readonly dataset: ReadableDataset }
  | { readonly ok: false; readonly reason: GrantRefusalReason; readonly message: string };

/** Resolves `requested` (a dataset_uuid) against the token's grants; refusals are permission_denied. */
export function resolveGrant(claims: Pick<TaskTokenClaims, "datasets" | "s3">, requested: string): GrantResult {
  const wanted = requested.toLowerCase();
  const grant = claims.datasets.find((d) => d.dataset_uuid.toLowerCase() === wanted);
  if (grant === undefined) return { ok: false, reason: "dataset_not_granted", message: "the capability token does not grant this dataset" };
  if (grant.storage_ref === undefined) {
    return { ok: false, reason: "dataset_not_readable", message: "the dataset grant has no storage_ref to read" };
  }
  const storage = canonicalizeS3Prefix(grant.storage_ref);
  if (!storage.ok) return { ok: false, reason: "storage_ref_invalid", message: `the dataset's storage_ref is refused (${storage.reason})` };
  const inside = claims.s3.read_prefixes.some((prefix) => {
    const canonical = canonicalizeS3Prefix(prefix);
    return canonical.ok && storage.prefix.uri.startsWith(canonical.prefix.uri);
  });
  if (!inside) {
    return { ok: false, reason: "storage_ref_outside_read_prefixes", message: "the dataset's storage_ref is not inside the token's read prefixes" };
  }
  return { ok: true, dataset: { datasetUuid: grant.dataset_uuid, datasetVersion: grant.dataset_version, storage: storage.prefix } };
}
