// Dataset versions as the Dispatcher knows them (updated by completions that publish with
// make_current).
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { datasets } from "./tables.js";
import type { LifecycleContext } from "./types.js";

const CURRENT_VERSIONS = prepare<{ datasetUuids: string[] }>(
  "current_dataset_versions",
  (p) => sql`SELECT ${datasets.datasetUuid}::text AS dataset_uuid, ${datasets.currentVersion}::text AS current_version
     FROM ${datasets} WHERE ${datasets.datasetUuid} = ANY(${p.datasetUuids}::uuid[]) AND ${datasets.currentVersion} IS NOT NULL`,
);

/** The current version of each dataset that has one; datasets never published are absent. */
export async function currentDatasetVersions(ctx: LifecycleContext, datasetUuids: readonly string[]): Promise<Map<string, string>> {
  if (datasetUuids.length === 0) return new Map();
  const rows = await CURRENT_VERSIONS.run<{ dataset_uuid: string; current_version: string }>(ctx.db, { datasetUuids: [...datasetUuids] });
  return new Map(rows.map((r) => [r.dataset_uuid, r.current_version]));
}
