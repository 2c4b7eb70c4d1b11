// `npm run build:console`: bundles the operator console (console/) into dist/console-ui/ with esbuild:
// index.html plus content-hashed assets (served immutable), source maps beside them. Written to a
// temporary directory and renamed into place, so a Dispatcher serving the old build never reads a
// half-written one.
import { build } from "esbuild";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "dist/console-ui");
const staging = `${target}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });

const result = await build({
  entryPoints: { app: join(root, "console/src/main.tsx"), styles: join(root, "console/src/styles.css") },
  outdir: join(staging, "assets"),
  entryNames: "[name]-[hash]",
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: "linked",
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const script = outputs.find((name) => /^app-.*\.js$/.test(name));
const styles = outputs.find((name) => /^styles-.*\.css$/.test(name));
if (!script || !styles) throw new Error(`console build produced ${outputs.join(", ")}`);
const html = readFileSync(join(root, "console/index.html"), "utf8").replace("%SCRIPT%", script).replace("%STYLES%", styles);
mkdirSync(staging, { recursive: true });
writeFileSync(join(staging, "index.html"), html);
rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`console built: dist/console-ui/ (${script}, ${styles})`);
