// The version `--version` prints: the package's own package.json, found by walking up from this
// module, so it is the same file from src/ (tsx) and from dist/src/ (the build, the Docker image).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "trace-dispatcher";

export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}'s package.json not found above ${fileURLToPath(import.meta.url)}`);
  }
}
