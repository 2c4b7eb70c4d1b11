// Sums the results of every test runner in one log (vitest, pytest, cargo test) and prints one
// closing line, "tests: N passed, N failed", so a run is judged by all its suites together.
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
for (const line of text.split("\n")) {
  let m;
  if ((m = /^test result: \S+ (\d+) passed; (\d+) failed/.exec(line))) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else if ((m = /^\s*Tests\s+(?:(\d+) failed \| )?(\d+) passed/.exec(line))) {
    failed += Number(m[1] ?? 0);
    passed += Number(m[2]);
  } else if ((m = /^=*\s*(?:(\d+) failed, )?(\d+) passed\b.* in [\d.]+s/.exec(line))) {
    failed += Number(m[1] ?? 0);
    passed += Number(m[2]);
  }
}
if (passed === 0) {
  console.error("no test results found");
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
