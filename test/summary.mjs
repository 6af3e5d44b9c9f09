// The end of `npm test`: runs the packaging and runtime smoke tests (test/smoke/pack-smoke.mjs), then prints one
// closing line, `N passed, N failed`, over Vitest's tests (its JSON report) and every smoke check. Each report is
// deleted once read, so a step that wrote none is counted as a failure instead of an old report being reused.
// Exits with 1 when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const vitestReport = fileURLToPath(new URL("../.tmp/vitest-results.json", import.meta.url));
const smokeReport = fileURLToPath(new URL("../.tmp/smoke-results.json", import.meta.url));

function take(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } finally {
    rmSync(path, { force: true });
  }
}

const vitest = take(vitestReport);
rmSync(smokeReport, { force: true });
console.log("");
spawnSync(process.execPath, [fileURLToPath(new URL("./smoke/pack-smoke.mjs", import.meta.url))], { stdio: "inherit" });
const smoke = take(smokeReport);

let passed = 0;
let failed = 0;
const parts = [];
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numTotalTests === 0 ? 1 : 0);
  parts.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed in ${vitest.numTotalTestSuites} suites`);
} else {
  failed += 1;
  parts.push("vitest: wrote no report (it did not finish)");
}
if (smoke) {
  passed += smoke.passed;
  failed += smoke.failed;
  parts.push(`packaging and runtime smoke tests: ${smoke.passed} passed, ${smoke.failed} failed`);
} else {
  failed += 1;
  parts.push("packaging and runtime smoke tests: wrote no report (they did not finish)");
}
console.log(`\n${parts.join("; ")}`);
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
