// Finding the Dispatcher the admin CLI talks to, in this order:
//   1. --url, or TRACE_DISPATCHER_URL, with TRACE_ADMIN_TOKEN (a deployed Dispatcher);
//   2. the local instance `npm start` describes in its data directory (TRACE_DATA_DIR, default
//      .data/): instance.json (URL, embedded S3 endpoint, bucket) plus the admin-token and
//      s3-secret files beside it, so nothing has to be exported by hand.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Env } from "../../app/config.js";

/** What `start` writes for the CLI (no secrets: those stay in their 0600 files). */
export interface LocalInstanceFile {
  url: string;
  s3_endpoint: string;
  s3_access_key_id: string;
  bundle_bucket: string;
  bundle_prefix: string;
  region: string;
}

export const INSTANCE_FILE = "instance.json";

export interface AdminTarget {
  url: string;
  token: string;
  /** Where it came from, for messages. */
  source: string;
  /** Set for a local instance: what `bundles push` needs to upload. */
  bundleStore?: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string; prefix: string; region: string };
}

export class TargetError extends Error {}

export function dataDirOf(env: Env): string {
  return resolve(env.TRACE_DATA_DIR ?? ".data");
}

export function writeLocalInstance(dataDir: string, instance: LocalInstanceFile): void {
  writeFileSync(join(dataDir, INSTANCE_FILE), `${JSON.stringify(instance, null, 2)}\n`, { mode: 0o600 });
}

export function resolveAdminTarget(env: Env, urlFlag: string | undefined): AdminTarget {
  const url = urlFlag ?? env.TRACE_DISPATCHER_URL;
  if (url) {
    const token = env.TRACE_ADMIN_TOKEN;
    if (!token) throw new TargetError(`TRACE_ADMIN_TOKEN is not set (the admin token of ${url})`);
    return { url: url.replace(/\/+$/, ""), token, source: urlFlag ? "--url" : "TRACE_DISPATCHER_URL" };
  }
  const dir = dataDirOf(env);
  const file = join(dir, INSTANCE_FILE);
  if (!existsSync(file))
    throw new TargetError(`no Dispatcher found: ${file} does not exist (run \`npm start\`, or pass --url with TRACE_ADMIN_TOKEN set)`);
  const instance = JSON.parse(readFileSync(file, "utf8")) as LocalInstanceFile;
  const secret = (name: string) => readFileSync(join(dir, name), "utf8").trim();
  return {
    url: instance.url,
    token: env.TRACE_ADMIN_TOKEN ?? secret("admin-token"),
    source: file,
    bundleStore: {
      endpoint: instance.s3_endpoint,
      accessKeyId: instance.s3_access_key_id,
      secretAccessKey: secret("s3-secret"),
      bucket: instance.bundle_bucket,
      prefix: instance.bundle_prefix,
      region: instance.region,
    },
  };
}
