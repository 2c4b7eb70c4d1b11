// Regenerates gen/ from proto/ with local, pinned plugins only (see buf.gen.yaml).
import { execFileSync } from "node:child_process";

execFileSync("npx", ["--no-install", "buf", "generate"], { stdio: "inherit" });
