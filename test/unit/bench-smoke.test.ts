// The benchmark suite runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("benchmarks (smoke run)", () => {
  it("npm run bench's script runs every scenario and prints a row for every contender", () => {
    const result = spawnSync(process.execPath, ["--expose-gc", "bench/run.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    for (const scenario of [
      "create + await, async body",
      "create + await, synchronous body",
      "create + cancel + await",
      "progress to a handler",
      "progress to an async iterator",
      "heap per pending operation",
      "whenAll over already-running AsyncOperations",
    ]) {
      expect(result.stdout).toContain(scenario);
    }
    for (const contender of ["winrt-async", "Bluebird", "p-cancelable", "native + AbortController"]) {
      expect(result.stdout).toContain(contender);
    }
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });
});
