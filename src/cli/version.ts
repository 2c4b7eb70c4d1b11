// The version `--version` prints: the package's own package.json (the same file from src/ under
// tsx and from dist/src/ under plain node, e.g. in the Docker image).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../app/package-root.js";

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
