// ListBundles: registered bundles, newest first, keyset-paged on (created_at, sha256).
import { decodePageToken, encodePageToken, isText, isTimestampText, pageSizeOf } from "./page-token.js";
import { bundleFromRow, iso } from "./rows.js";
import type { Bundle, LifecycleContext, Refused } from "./types.js";

export type ListBundlesResult = { ok: true; bundles: Bundle[]; nextPageToken: string } | Refused<"invalid_argument">;

export async function listBundles(ctx: LifecycleContext, input: { pageSize?: number; pageToken?: string } = {}): Promise<ListBundlesResult> {
  const pageSize = pageSizeOf(input.pageSize);
  if (pageSize === null) return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  const params: unknown[] = [pageSize + 1];
  let after = "";
  if (input.pageToken) {
    const key = decodePageToken(input.pageToken, [isTimestampText, isText]);
    if (!key) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    params.push(key[0], key[1]);
    after = `WHERE (created_at, sha256) < ($2::timestamptz, $3)`;
  }
  const rows = await ctx.db.query(`SELECT * FROM bundles ${after} ORDER BY created_at DESC, sha256 DESC LIMIT $1`, params);
  const bundles = rows.slice(0, pageSize).map(bundleFromRow);
  const last = bundles[bundles.length - 1];
  return { ok: true, bundles, nextPageToken: rows.length > pageSize && last ? encodePageToken([iso(last.createdAt), last.sha256]) : "" };
}
