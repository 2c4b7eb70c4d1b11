// `start` (npm start): the Dispatcher end to end on embedded defaults with the sample DAG. The
// implementation (start-run.ts) loads the whole app; it is imported only when the command runs,
// so `--help`, `--version` and the other commands do not pay for it.
import type { CliCommand } from "../command.js";

export const command: CliCommand = {
  name: "start",
  summary: "run the Dispatcher on embedded defaults and the sample DAG (--once: exit when it finishes)",
  help: [
    "usage: trace-dispatcher start [--once]",
    "",
    "The Dispatcher end to end with no AWS account: PGlite, an embedded S3-compatible store, a",
    "generated keyring, the local invoker and the Query Service, all under TRACE_DATA_DIR (default",
    ".data). Publishes the sample bundles, runs the sample DAG with visible progress, then keeps",
    "serving until Ctrl-C (runs still going get a grace period, then their leases are released).",
    "",
    "  --once    exit when the sample DAG finished: 0 if it completed, 1 otherwise",
    "",
    "environment: HOST, PORT (default 127.0.0.1:8080), TRACE_DATA_DIR, LOG_LEVEL (default warn here)",
  ].join("\n"),
  run: async (args) => (await import("./start-run.js")).runStart(args),
};
