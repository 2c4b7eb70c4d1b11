// Dataset versions as the Dispatcher knows them (updated by completions that publish with
// make_current).
import type { LifecycleContext } from "./types.js";

/** The current version of each dataset that has one; datasets never published are absent. */
export async function currentDatasetVersions(ctx: LifecycleContext, datasetUuids: readonly string[]): Promise<Map<string, string>> {
  if (datasetUuids.length === 0) return new Map();
  const rows = await ctx.db.query<{ dataset_uuid: string; current_version: string }>(
    `SELECT dataset_uuid::text AS dataset_uuid, current_version::text AS current_version
     FROM datasets WHERE dataset_uuid = ANY($1::uuid[]) AND current_version IS NOT NULL`,
    [datasetUuids],
  );
  return new Map(rows.map((r) => [r.dataset_uuid, r.current_version]));
}
