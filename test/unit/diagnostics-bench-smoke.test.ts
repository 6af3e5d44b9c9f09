// Keeps bench/diagnostics.bench.mjs from rotting: runs it once at a tiny size (`--smoke`) against the built
// package (dist/, which `npm test` builds first). Asserts the shape of the table only, never a time.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("bench/diagnostics.bench.mjs (smoke run)", () => {
  it("runs every setting of every scenario in its own process and prints a row with a ratio for each", () => {
    const result = spawnSync(process.execPath, ["bench/diagnostics.bench.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Diagnostics overhead, .*Node v\d+.*\d{4}-\d\d-\d\d\)$/m);
    for (const scenario of ["create + await, async body", "create + await, synchronous body"]) {
      expect(result.stdout).toContain(scenario);
    }
    for (const setting of ["never loaded", "loaded, off", "tracking on", "channel subscriber"]) {
      const rows = result.stdout.split("\n").filter((line) => line.startsWith(`| ${setting} `));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatch(/\| +\d+\.\d +\| +\d+% +\| +\d+\.\d\dx \|$/);
    }
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });
});
