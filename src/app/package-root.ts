// The directory of this package's package.json, found from this module's own location, so paths to
// shipped files (the console build, migrations, examples) resolve the same from src/ under tsx and
// from the compiled dist/ under plain node.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "trace-dispatcher") {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("trace-dispatcher's package.json not found above this module");
    dir = parent;
  }
}
