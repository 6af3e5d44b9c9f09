// The benchmark suite runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("benchmarks (smoke run)", () => {
  it("npm run bench's script runs every scenario and prints a row for every contender", () => {
    const stdout = runBenchSmoke("bench/run.mjs", { nodeArgs: ["--expose-gc"] });
    for (const scenario of [
      "create + await, async body",
      "create + await, synchronous body",
      "create + cancel + await",
      "progress to a handler",
      "progress to an async iterator",
      "heap per pending operation",
      "whenAll over already-running AsyncOperations",
    ]) {
      expect(stdout).toContain(scenario);
    }
    for (const contender of ["winrt-async", "Bluebird", "p-cancelable", "native + AbortController"]) {
      expect(stdout).toContain(contender);
    }
  });
});
