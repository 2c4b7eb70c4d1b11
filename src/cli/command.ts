export interface CliCommand {
  /** What the user types: `tsx src/cli/main.ts <name> [args]`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for the usage text. */
  readonly summary: string;
  /** Resolves with the process exit code. */
  run(args: readonly string[]): Promise<number>;
}
