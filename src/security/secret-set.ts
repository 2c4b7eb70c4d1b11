// A reloadable set of accepted shared secrets (worker tokens, admin tokens). Several secrets are
// accepted at once so a secret can be rotated without a restart: add the new one, roll the
// callers, remove the old one. A file-backed set notices edits by itself (its mtime/size/inode
// are checked on use) and can be reloaded explicitly (e.g. on SIGHUP).
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

/** Secrets shorter than this are refused at load: they could be guessed. */
export const MIN_SECRET_LENGTH = 16;

export interface SecretSet {
  /** True when `candidate` equals one accepted secret; constant time in the candidate's content. */
  matches(candidate: string): boolean;
  /** Re-reads the source now. A file that no longer parses keeps the previous set and throws. */
  reload(): void;
  /** How many secrets are accepted (never the secrets themselves). */
  readonly size: number;
}

export type SecretSource =
  /** One secret per line; blank lines and lines starting with # are ignored. */
  | { readonly file: string }
  | { readonly secrets: readonly string[] };

export class SecretSetError extends Error {
  override readonly name = "SecretSetError";
}

/** Secrets are compared as SHA-256 digests: equal length always, so timingSafeEqual applies. */
function digest(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

function parseSecrets(lines: readonly string[], where: string): Buffer[] {
  const secrets = lines.map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  if (secrets.length === 0) throw new SecretSetError(`${where}: no secret configured`);
  for (const [index, secret] of secrets.entries()) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new SecretSetError(`${where}: secret #${index + 1} is shorter than ${MIN_SECRET_LENGTH} characters`);
    }
  }
  return secrets.map(digest);
}

export function createSecretSet(source: SecretSource): SecretSet {
  let digests: Buffer[] = [];
  let fileStamp = "";
  const stampOf = (file: string): string => {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  };
  const load = (): void => {
    if ("secrets" in source) {
      digests = parseSecrets(source.secrets, "secret list");
      return;
    }
    const stamp = stampOf(source.file);
    let text: string;
    try {
      text = readFileSync(source.file, "utf8");
    } catch (error) {
      throw new SecretSetError(`cannot read secret file ${source.file}`, { cause: error });
    }
    digests = parseSecrets(text.split(/\r?\n/), source.file);
    fileStamp = stamp;
  };
  const refreshIfChanged = (): void => {
    if (!("file" in source)) return;
    try {
      if (stampOf(source.file) === fileStamp) return;
      load();
    } catch {
      // A file being rewritten (or briefly invalid) keeps the last good set; reload() reports why.
    }
  };
  load();
  return {
    matches(candidate) {
      refreshIfChanged();
      if (typeof candidate !== "string" || candidate.length === 0) return false;
      const presented = digest(candidate);
      let found = false;
      // Every secret is compared, so timing does not reveal which one (or whether one) matched.
      for (const accepted of digests) found = timingSafeEqual(presented, accepted) || found;
      return found;
    },
    reload: load,
    get size() {
      refreshIfChanged();
      return digests.length;
    },
  };
}
