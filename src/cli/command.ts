// The shape every subcommand has. main.ts owns the generic flags: `<name> --help`/`-h` prints
// `help` and exits 0 without calling run(), so a command never starts anything for a help request.
export interface CliCommand {
  /** What the user types: `trace-dispatcher <name> [args]`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** The full `<name> --help` text: usage lines, arguments, options, environment. */
  readonly help: string;
  /** Resolves with the process exit code (0 ok, 1 failed, 2 usage). */
  run(args: readonly string[]): Promise<number>;
}
