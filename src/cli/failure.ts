// How a failed command is reported. An operator's mistake (bad configuration, a missing keyring,
// a busy port) is ONE line that says what to change, never a stack trace; anything else is a bug
// and keeps its stack so it can be reported.
import { ConfigError } from "../app/config.js";
import { KeyringConfigError } from "../auth/index.js";

const LISTEN_PROBLEMS: Readonly<Record<string, string>> = {
  EADDRINUSE: "the address is already in use (stop what is listening there, or choose another PORT/HOST)",
  EACCES: "permission denied (ports below 1024 need privileges; choose another PORT)",
  EADDRNOTAVAIL: "the address is not available on this machine (choose another HOST)",
};

/** The one line an operator error prints, or undefined for an unexpected error (a bug). */
export function operatorMessage(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof KeyringConfigError) return error.message;
  if (error instanceof Error) {
    const { code, syscall, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
    const problem = code ? LISTEN_PROBLEMS[code] : undefined;
    if (syscall === "listen" && problem) return `cannot listen on ${address ?? "?"}:${port ?? "?"}: ${problem}`;
  }
  return undefined;
}

export function describeFailure(error: unknown): string {
  const known = operatorMessage(error);
  if (known !== undefined) return known;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
