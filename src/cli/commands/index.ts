// The command registry. To add a command: create src/cli/commands/<name>.ts exporting a
// `command: CliCommand` (name, summary, help starting "usage: trace-dispatcher <name>", run), and
// add one line below. Import heavy modules (the app, database drivers) inside run() so --help
// and the other commands stay light.
import type { CliCommand } from "../command.js";
import { command as bundle } from "./bundle.js";
import { command as bundles } from "./bundles.js";
import { command as jobs } from "./jobs.js";
import { command as outbox } from "./outbox.js";
import { command as tasks } from "./tasks.js";
import { command as keys } from "./keys.js";
import { command as lambda } from "./lambda.js";
import { command as migrate } from "./migrate.js";
import { command as queryService } from "./query-service.js";
import { command as serve } from "./serve.js";
import { command as start } from "./start.js";

export const commands: readonly CliCommand[] = [
  serve,
  start,
  migrate,
  keys,
  lambda,
  bundle,
  queryService,
  jobs,
  tasks,
  bundles,
  outbox,
];
