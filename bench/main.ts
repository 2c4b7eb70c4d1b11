// `npm run bench [-- <name>]`: runs one benchmark (default: lifecycle). Add a benchmark by
// writing bench/<name>.ts exporting `run(args)` and adding one line to BENCHMARKS.
import { run as e2e } from "./e2e.js";
import { run as heartbeat } from "./heartbeat.js";
import { run as history } from "./history.js";
import { run as lifecycle } from "./lifecycle.js";
import { run as query } from "./query.js";

const BENCHMARKS: Record<string, (args: readonly string[]) => Promise<void>> = {
  lifecycle,
  e2e,
  query,
  heartbeat,
  history,
};

const [name = "lifecycle", ...args] = process.argv.slice(2);
const bench = BENCHMARKS[name];
if (!bench) {
  process.stderr.write(`unknown benchmark ${name}; available: ${Object.keys(BENCHMARKS).join(", ")}\n`);
  process.exit(2);
}
await bench(args);
