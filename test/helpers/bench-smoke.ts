// One way to smoke-run a benchmark file: `npm test` runs each bench once at a tiny size (`--smoke`) against the
// built package, so none can rot. Asserts that it ran cleanly (exit 0, nothing on stderr, no NaN or Infinity in
// its tables) and returns what it printed, for the caller's assertions on the rows. Never asserts a time.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { expect } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Runs `node [nodeArgs] <script> --smoke` from the project root; returns its stdout. */
export function runBenchSmoke(script: string, { nodeArgs = [], timeout = 60_000 }: { nodeArgs?: string[]; timeout?: number } = {}): string {
  const result = spawnSync(process.execPath, [...nodeArgs, script, "--smoke"], { cwd: root, encoding: "utf8", timeout });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).not.toMatch(/NaN|Infinity/);
  return result.stdout;
}
