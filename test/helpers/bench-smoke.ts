// One way to smoke-run a benchmark file: `npm test` runs each bench once at a tiny size (`--smoke`) against the
// built package, so none can rot. Asserts that it ran cleanly (exit 0, nothing on stderr, no NaN or Infinity in
// its tables) and in the one output format (bench/common.mjs): every line within 100 columns, tables in Markdown,
// at most one targets block and nothing after it but its table. Returns what it printed, for the caller's
// assertions on the rows. Never asserts a time.
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
  expectOneFormat(result.stdout);
  return result.stdout;
}

/** The output format every bench shares (issue 19): see the comment at the top. */
export function expectOneFormat(stdout: string): void {
  const lines = stdout.replace(/\n$/, "").split("\n");
  expect(lines.filter((line) => [...line].length > 100)).toEqual([]);
  // A table is Markdown: no line laid out in columns by runs of spaces outside a `| ... |` row.
  expect(lines.filter((line) => !line.startsWith("|") && /\S {3,}\S/.test(line))).toEqual([]);
  const targets = lines.flatMap((line, i) => (/^Targets\b/.test(line) ? [i] : []));
  expect(targets.length).toBeLessThanOrEqual(1);
  if (targets.length === 1) {
    const after = lines.slice(targets[0]! + 1);
    expect(after.filter((line) => line !== "" && !line.startsWith("|"))).toEqual([]);
    expect(after.some((line) => line.startsWith("|"))).toBe(true);
  }
}
