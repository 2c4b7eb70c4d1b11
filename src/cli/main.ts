#!/usr/bin/env node
// CLI entry, the package's `bin` (trace-dispatcher): `node dist/src/cli/main.js <command> [args]`
// from the build, `tsx src/cli/main.ts …` from source. Commands live in src/cli/commands/; this
// file owns what every command shares: `--help`/`-h` (prints the command's help, exits 0, starts
// nothing), `--version`, and how a failure is reported (failure.ts).
import type { CliCommand } from "./command.js";
import { commands } from "./commands/index.js";
import { describeFailure } from "./failure.js";
import { packageVersion } from "./version.js";

// Stack traces of the build point into src/ (tsc emits source maps next to dist/).
process.setSourceMapsEnabled(true);

const HELP_FLAGS = new Set(["--help", "-h"]);

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: trace-dispatcher <command> [args]",
    "       trace-dispatcher <command> --help | help <command> | --version",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

function find(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name));
}

/** A help flag anywhere before `--` (after it, arguments belong to the command). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  if (name === "--version" || name === "-V" || name === "version") {
    out(packageVersion());
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  if (name === "help" || HELP_FLAGS.has(name)) {
    const topic = args[0] === undefined ? undefined : find(args[0]);
    out(topic ? topic.help : usage());
    return args[0] === undefined || topic ? 0 : 2;
  }
  const command = find(name);
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${usage()}\n`);
    return 2;
  }
  if (asksForHelp(args)) {
    out(command.help);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`trace-dispatcher ${process.argv[2] ?? ""}: ${describeFailure(error)}\n`);
    // A failed start may leave a listener or a pool open; nothing more is coming, so do not wait
    // for them (a failed `start` used to hang on its embedded S3 server).
    process.exit(1);
  },
);
