// The JSON dialect of the contract, in one place. Both the Connect paths and the contract paths use
// it, so a request or reply looks the same whichever path it takes.
import type { JsonReadOptions, JsonWriteOptions } from "@bufbuild/protobuf";

/**
 * Unknown JSON fields are REJECTED (invalid_argument / malformed_request). A contract that silently
 * drops a misspelled field ("lease_tokn") turns a client bug into a confusing fence failure later;
 * strict parsing reports it at once. Flip this single setting to accept unknown fields, e.g. while
 * rolling out a new field to clients before servers.
 */
export const REJECT_UNKNOWN_JSON_FIELDS = true;

export const contractJsonOptions: Readonly<Partial<JsonReadOptions & JsonWriteOptions>> = {
  // Keys are proto field names (`lease_expires_at`), as the contract documents them.
  useProtoFieldName: true,
  // Replies carry every implicit field, so plain-JSON clients read `cancel_requested: false` and
  // `duplicate: false` instead of an absent key.
  alwaysEmitImplicit: true,
  ignoreUnknownFields: !REJECT_UNKNOWN_JSON_FIELDS,
};
