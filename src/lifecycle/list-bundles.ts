// ListBundles: registered bundles, newest first, keyset-paged on (created_at, sha256).
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { bundles, bundleSelection } from "./tables.js";
import { decodePageToken, encodePageToken, isText, isTimestampText, pageSizeOf } from "./page-token.js";
import { bundleFromRow, iso } from "./rows.js";
import type { Bundle, LifecycleContext, Refused } from "./types.js";

export type ListBundlesResult = { ok: true; bundles: Bundle[]; nextPageToken: string } | Refused<"invalid_argument">;

// Newest first, keyset-paged on (created_at, sha256).
const FIRST_PAGE = prepare<{ limit: number }>(
  "list_bundles",
  (p) => sql`SELECT ${bundleSelection(bundles)} FROM ${bundles}
    ORDER BY ${bundles.createdAt} DESC, ${bundles.sha256} DESC LIMIT ${p.limit}`,
);
const NEXT_PAGE = prepare<{ limit: number; createdAt: string; sha256: string }>(
  "list_bundles_after",
  (p) => sql`SELECT ${bundleSelection(bundles)} FROM ${bundles}
    WHERE (${bundles.createdAt}, ${bundles.sha256}) < (${p.createdAt}::timestamptz, ${p.sha256}::text)
    ORDER BY ${bundles.createdAt} DESC, ${bundles.sha256} DESC LIMIT ${p.limit}`,
);

export async function listBundles(ctx: LifecycleContext, input: { pageSize?: number; pageToken?: string } = {}): Promise<ListBundlesResult> {
  const pageSize = pageSizeOf(input.pageSize);
  if (pageSize === null) return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  let rows;
  if (input.pageToken) {
    const key = decodePageToken(input.pageToken, [isTimestampText, isText]);
    if (!key) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    rows = await NEXT_PAGE.run(ctx.db, { limit: pageSize + 1, createdAt: String(key[0]), sha256: String(key[1]) });
  } else {
    rows = await FIRST_PAGE.run(ctx.db, { limit: pageSize + 1 });
  }
  const bundles = rows.slice(0, pageSize).map(bundleFromRow);
  const last = bundles[bundles.length - 1];
  return { ok: true, bundles, nextPageToken: rows.length > pageSize && last ? encodePageToken([iso(last.createdAt), last.sha256]) : "" };
}
