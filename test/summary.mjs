// The last line of `npm test`: how many tests ran, from Vitest's JSON report plus the packaging smoke test
// (which only gets here when it passed, since `npm test` stops at the first failing step).
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(new URL("../.tmp/vitest-results.json", import.meta.url), "utf8"));
const passed = report.numPassedTests + 1;
const failed = report.numFailedTests;
console.log(`\nvitest: ${report.numPassedTests} tests in ${report.numTotalTestSuites} suites; packaging smoke test: passed`);
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0 || report.numTotalTests === 0) process.exitCode = 1;
