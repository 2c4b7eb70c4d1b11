// Publishing a bundle: build it from a directory (or check a ready zip), upload it under its
// content-addressed key, and describe it for registration. Uploading the same bytes twice lands
// on the same object, so publishing is idempotent.
import { readFile, stat } from "node:fs/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { bundleKey, putObject } from "../objectstore/s3.js";
import { buildBundle, type BuildBundleOptions } from "./build.js";
import { openBundle } from "./open.js";

export interface BundleStore {
  client: S3Client;
  bucket: string;
  /** Key prefix for bundles, e.g. "bundles". */
  prefix: string;
}

export interface PublishedBundle {
  sha256: string;
  storageUri: string;
  sizeBytes: number;
  runtime: string;
}

/** `source` is a directory (built with `options`) or a .zip file (validated as it is). */
export async function publishBundle(store: BundleStore, source: string, options?: BuildBundleOptions): Promise<PublishedBundle> {
  const info = await stat(source);
  let zip: Uint8Array;
  let sha256: string;
  let runtime: string;
  if (info.isDirectory()) {
    if (!options) throw new Error("building a bundle from a directory needs --runtime and --entrypoint");
    const built = await buildBundle(source, options);
    ({ zip, sha256 } = built);
    runtime = built.manifest.runtime;
  } else {
    zip = await readFile(source);
    // The same checks the runner makes, before anything is uploaded.
    const opened = openBundle(zip);
    sha256 = opened.sha256;
    runtime = opened.manifest.runtime;
  }
  const key = bundleKey(store.prefix, sha256);
  await putObject(store.client, { bucket: store.bucket, key }, zip);
  return { sha256, storageUri: `s3://${store.bucket}/${key}`, sizeBytes: zip.byteLength, runtime };
}
