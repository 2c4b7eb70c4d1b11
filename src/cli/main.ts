// CLI entry: `tsx src/cli/main.ts <command> [args]`. Commands live in src/cli/commands/.
import { commands } from "./commands/index.js";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ["usage: trace-dispatcher <command> [args]", "", ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${usage()}\n`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
