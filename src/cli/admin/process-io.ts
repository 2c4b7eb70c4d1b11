// The real process's environment and streams, for the admin subcommands.
import type { AdminIo } from "./client.js";

export function processIo(): AdminIo {
  return {
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
}
