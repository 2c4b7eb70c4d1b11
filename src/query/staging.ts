// The data path: a granted dataset version's Parquet objects, made readable by DuckDB without
// letting DuckDB near S3 or any other file. `httpfs` does not ship with @duckdb/node-api (and
// cannot be downloaded offline), so the service itself reads S3 with its own credentials (the AWS
// SDK; the embedded local S3 on `npm start`) into a content-addressed local cache, and each query
// gets a fresh private directory holding hard links to exactly the granted version's objects.
// DuckDB's allowed_directories names only that directory, so even a direct read_parquet() (which
// the gate refuses anyway) could reach nothing the token does not grant.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { link, mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { CanonicalS3Prefix } from "../credentials/s3-prefix.js";

export interface StagedDataset {
  /** The private directory (ends with "/"); it holds only this version's objects. */
  readonly dir: string;
  /** `dir/*.parquet`, or null when the version has no Parquet object. */
  readonly glob: string | null;
  readonly files: number;
  readonly bytes: number;
  /** Removes the private directory (the cache keeps the objects). */
  release(): Promise<void>;
}

export interface DatasetStager {
  stage(storage: CanonicalS3Prefix, signal?: AbortSignal): Promise<StagedDataset>;
}

interface Listing {
  readonly objects: ReadonlyArray<{ key: string; etag: string; size: number }>;
  readonly total: number;
}

export class DatasetTooLargeError extends Error {
  override readonly name = "DatasetTooLargeError";
}

export interface S3StagerOptions {
  s3: S3Client;
  /** Root of the cache and of the per-query directories; private to this process. */
  workDir: string;
  /** Most objects one version may have. Default 10,000. */
  maxObjects?: number;
  /** Most bytes one version may have. Default 8 GiB. */
  maxBytes?: number;
  /**
   * How long a version's object list is reused, in ms (default 60 s; 0 = list on every query).
   * A dataset version is immutable once published, so its listing only changes while it is being
   * written; the cache keeps the ListObjects round trip off every query.
   */
  listingTtlMs?: number;
  /**
   * Bytes the object cache may hold (default 16 GiB). Past it, the least recently used objects
   * are unlinked; databases already serving them keep their hard links, so nothing in use breaks.
   */
  maxCacheBytes?: number;
  now?: () => number;
}

export function createS3DatasetStager(options: S3StagerOptions): DatasetStager {
  const maxObjects = options.maxObjects ?? 10_000;
  const maxBytes = options.maxBytes ?? 8 * 1024 ** 3;
  const cacheDir = join(options.workDir, "cache");
  const queriesDir = join(options.workDir, "queries");
  const ready = Promise.all([mkdir(cacheDir, { recursive: true, mode: 0o700 }), mkdir(queriesDir, { recursive: true, mode: 0o700 })]);
  // One download per object at a time, however many queries want it.
  const downloads = new Map<string, Promise<void>>();
  const listingTtlMs = options.listingTtlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const listings = new Map<string, { at: number; listing: Promise<Listing> }>();
  const maxCacheBytes = options.maxCacheBytes ?? 16 * 1024 ** 3;
  // What this process put in the cache, by file, with its size and last use (Map order = LRU).
  const cacheEntries = new Map<string, number>();
  let cacheBytes = 0;

  const touch = (file: string, size: number) => {
    if (!cacheEntries.has(file)) cacheBytes += size;
    cacheEntries.delete(file);
    cacheEntries.set(file, size);
  };

  async function evict(keep: ReadonlySet<string>): Promise<void> {
    for (const [file, size] of cacheEntries) {
      if (cacheBytes <= maxCacheBytes) return;
      if (keep.has(file)) continue;
      cacheEntries.delete(file);
      cacheBytes -= size;
      await rm(file, { force: true });
    }
  }
  const MAX_LISTINGS = 1_000;

  function listCached(storage: CanonicalS3Prefix, signal?: AbortSignal): Promise<Listing> {
    const hit = listings.get(storage.uri);
    if (hit && now() - hit.at < listingTtlMs) return hit.listing;
    const listing = listParquet(storage, signal);
    if (listingTtlMs > 0) {
      if (listings.size >= MAX_LISTINGS) listings.delete(listings.keys().next().value ?? "");
      listings.set(storage.uri, { at: now(), listing });
      // A failed listing is not remembered.
      listing.catch(() => listings.delete(storage.uri));
    }
    return listing;
  }

  async function listParquet(storage: CanonicalS3Prefix, signal?: AbortSignal): Promise<Listing> {
    const objects: Array<{ key: string; etag: string; size: number }> = [];
    let token: string | undefined;
    let total = 0;
    do {
      const page = await options.s3.send(
        new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: storage.keyPrefix, ...(token ? { ContinuationToken: token } : {}) }),
        signal ? { abortSignal: signal } : {},
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key?.endsWith(".parquet")) continue;
        objects.push({ key: object.Key, etag: object.ETag ?? "", size: object.Size ?? 0 });
        total += object.Size ?? 0;
        if (objects.length > maxObjects || total > maxBytes) throw new DatasetTooLargeError("the dataset version is larger than this service reads");
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { objects, total };
  }

  async function cached(bucket: string, object: { key: string; etag: string; size: number }, signal?: AbortSignal): Promise<string> {
    // Dataset versions are immutable, but the ETag and size are part of the name anyway, so a
    // rewritten object can never be served from a stale copy.
    const name = createHash("sha256").update(`${bucket}\n${object.key}\n${object.etag}\n${object.size}`).digest("hex");
    const file = join(cacheDir, `${name}.parquet`);
    const present = await stat(file).then((s) => s.size === object.size, () => false);
    if (present) {
      touch(file, object.size);
      return file;
    }
    let pending = downloads.get(file);
    if (pending === undefined) {
      pending = (async () => {
        const tmp = `${file}.${randomUUID()}.tmp`;
        try {
          const reply = await options.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }), signal ? { abortSignal: signal } : {});
          if (!(reply.Body instanceof Readable)) throw new Error("S3 GetObject returned no stream");
          await pipeline(reply.Body, createWriteStream(tmp, { mode: 0o600 }));
          await rename(tmp, file);
        } catch (error) {
          await rm(tmp, { force: true });
          throw error;
        }
      })().finally(() => downloads.delete(file));
      downloads.set(file, pending);
    }
    await pending;
    touch(file, object.size);
    return file;
  }

  return {
    async stage(storage, signal) {
      await ready;
      const { objects, total } = await listCached(storage, signal);
      const dir = join(queriesDir, randomUUID()) + "/";
      await mkdir(dir, { mode: 0o700 });
      const release = () => rm(dir, { recursive: true, force: true });
      try {
        let index = 0;
        const used = new Set<string>();
        for (const object of objects) {
          const source = await cached(storage.bucket, object, signal);
          used.add(source);
          // Names are ours (0.parquet, 1.parquet, ...): no key text ever becomes a path.
          await link(source, join(dir, `${index++}.parquet`));
        }
        await evict(used);
      } catch (error) {
        await release();
        throw error;
      }
      return { dir, glob: objects.length > 0 ? `${dir}*.parquet` : null, files: objects.length, bytes: total, release };
    },
  };
}
