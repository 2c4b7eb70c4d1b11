#!/usr/bin/env node
// Applies the project's fixes to installed dependencies, in place, after `npm ci` (root `postinstall`,
// and an explicit step in the Dockerfile and test/build, which install with --ignore-scripts).
//
// 1. Crash on a dropped connection. postgres.js 3.4.9 (the newest release) defers small writes
//    with setImmediate. When PostgreSQL drops a connection between the write and the immediate,
//    `closed()` has set `socket = null` and the immediate throws `TypeError: Cannot read properties
//    of null (reading 'write')` outside any promise: an uncatchable exception that ends the process
//    (porsager/postgres#1154, #1208; the proposed fix, PR #1209, is unmerged). A transaction whose
//    connection dies reaches it every time: postgres.js itself writes ROLLBACK on the dead
//    connection. The teardown paths also leave the timer handle and the buffered bytes behind, so a
//    reconnected connection could send a dead session's bytes first. The patch settles such a write
//    like any closed connection (the query rejects with CONNECTION_CLOSED) and clears the write
//    buffer whenever the socket goes. test/db/postgres-driver-patch.test.ts reproduces the crash.
//
// 2. The most recently idle connection first. postgres.js hands a query to the idle connection
//    that has been idle LONGEST (a FIFO queue), so sequential statements rotate through every
//    connection the pool ever opened. Each lands on a server backend whose caches went cold while
//    the others ran: on the test machine a heartbeat took 100–200 µs longer with 10 connections
//    open than with 1 (bench/heartbeat.ts at 1 runner: 0.82× → 1.10× of the floor). pg-pool,
//    PgBouncer ("LIFO … gives best performance if you have a single server"), npgsql and Rails
//    reuse the most recently idle connection; the patch makes postgres.js do the same, so light
//    load keeps few hot connections and heavy load still opens and uses all of them.
//
// Each edit names the exact text it replaces; if a new postgres.js version no longer has it, this
// script fails loudly instead of silently leaving the driver unpatched. Applying twice is a no-op.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CRASH_MARKER = "trace-dispatcher patch: porsager/postgres#1208";
const LIFO_MARKER = "trace-dispatcher patch: most recently idle connection first";

const patches = [
  {
    file: "connection.js",
    marker: CRASH_MARKER,
    edits: [
      {
        what: "nextWrite settles instead of writing to a closed socket",
        from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
        to:
          "  function nextWrite(fn) {\n" +
          `    // ${CRASH_MARKER} (uncatchable TypeError when the socket closed before a deferred write)\n` +
          "    if (socket === null) {\n" +
          "      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n" +
          "      chunk = nextWriteTimer = null\n" +
          "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
          "      return true\n" +
          "    }\n" +
          "    const x = socket.write(chunk, fn)\n",
      },
      {
        what: "teardown drops the pending write buffer and timer handle",
        from: "    clearImmediate(nextWriteTimer)\n",
        to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
        count: 2, // terminate() and closed()
      },
    ],
  },
  {
    file: "queue.js",
    marker: LIFO_MARKER,
    edits: [
      {
        what: "the queue can take its newest entry",
        from: "    push: (x) => (xs.push(x), x),\n",
        to:
          "    push: (x) => (xs.push(x), x),\n" +
          `    // ${LIFO_MARKER}\n` +
          "    pop: () => {\n" +
          "      const out = xs.pop()\n" +
          "      if (index === xs.length) {\n" +
          "        index = 0\n" +
          "        xs = []\n" +
          "      }\n" +
          "      return out\n" +
          "    },\n",
      },
    ],
  },
  {
    file: "index.js",
    marker: LIFO_MARKER,
    edits: [
      {
        what: "a query goes to the most recently idle connection",
        from: "    if (open.length)\n      return go(open.shift(), query)\n",
        to: `    // ${LIFO_MARKER}\n    if (open.length)\n      return go(open.pop(), query)\n`,
      },
    ],
  },
];

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, "node_modules/postgres");

if (!existsSync(pkgDir)) process.exit(0); // not installed (e.g. a partial install): nothing to patch
const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
if (version !== "3.4.9") {
  console.error(`patch-dependencies: postgres ${version} installed; the patches are written for 3.4.9. Re-check porsager/postgres#1208 and the pool's idle order, and update scripts/patch-dependencies.mjs.`);
  process.exit(1);
}

for (const flavour of ["src", "cjs/src", "cf/src"]) {
  for (const patch of patches) {
    const file = join(pkgDir, flavour, patch.file);
    if (!existsSync(file)) continue;
    let text = readFileSync(file, "utf8");
    if (text.includes(patch.marker)) continue;
    for (const edit of patch.edits) {
      const found = text.split(edit.from).length - 1;
      if (found !== (edit.count ?? 1)) {
        console.error(`patch-dependencies: ${file}: expected ${edit.count ?? 1} × the text for "${edit.what}", found ${found}`);
        process.exit(1);
      }
      text = text.split(edit.from).join(edit.to);
    }
    writeFileSync(file, text);
  }
}
