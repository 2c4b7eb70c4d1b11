// Scrubbing an entrypoint's stderr before the runner logs it or puts its tail on the wire: the
// attempt's known secret values (capability token, bundle URL, allowlisted variables), then
// secret shapes (src/log/scrub.ts). Best effort, which is why the wire tail can be turned off.
import { scrubSecrets } from "../log/scrub.js";

export function redactSecrets(text: string, knownSecrets: readonly string[]): string {
  return scrubSecrets(text, knownSecrets);
}
