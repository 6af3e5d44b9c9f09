// Keeps bench/diagnostics.bench.mjs from rotting: runs it once at a tiny size (`--smoke`) against the built
// package (dist/, which `npm test` builds first). Asserts the shape of the table only, never a time.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("bench/diagnostics.bench.mjs (smoke run)", () => {
  it("runs every setting of every scenario in its own process and prints a row with a ratio for each", () => {
    const stdout = runBenchSmoke("bench/diagnostics.bench.mjs");
    expect(stdout).toMatch(/^Diagnostics overhead \(CPU time, best of the rounds\)$/m);
    expect(stdout).toMatch(/^.*Node v\d+.*\d{4}-\d\d-\d\d$/m);
    for (const scenario of ["create + await, async body", "create + await, synchronous body"]) {
      expect(stdout).toContain(scenario);
    }
    for (const setting of ["never loaded", "loaded, off", "tracking on", "channel subscriber"]) {
      const rows = stdout.split("\n").filter((line) => line.startsWith(`| ${setting} `));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatch(/\| +\d+\.\d +\| +\d+% +\| +\d+\.\d\dx \|$/);
    }
  });
});
