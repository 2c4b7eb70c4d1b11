// The operator console as the Dispatcher serves it: the static build of console/ (scripts/
// build-console.mjs → dist/console-ui/) at /console/, under a Content-Security-Policy that allows
// scripts, styles and requests from this origin only and no inline script at all, so a task config
// that carries "<script>" can only ever be shown as text.
import { createStaticMount, type StaticMount } from "../server/static-files.js";

export const CONSOLE_PREFIX = "/console/";

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function consoleMount(dir: string): StaticMount {
  return createStaticMount({
    prefix: CONSOLE_PREFIX,
    dir,
    headers: { "content-security-policy": CONSOLE_CSP, "x-frame-options": "DENY" },
    // esbuild names every asset by its content hash (assets/app-<hash>.js).
    immutable: (name) => name.startsWith("assets/"),
    missingMessage: "The console is not built: run `npm run build:console` (or `npm run build`).",
  });
}
