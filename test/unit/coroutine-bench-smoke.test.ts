// bench/coroutine.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("coroutine benchmark (smoke run)", () => {
  it("runs every contender and prints the ratios", () => {
    const stdout = runBenchSmoke("bench/coroutine.bench.mjs", { nodeArgs: ["--expose-gc"] });
    for (const contender of [
      "native async fn awaiting",
      "native generator, by hand",
      "async body (inline)",
      "coroutine body (inline)",
      "async body (hoisted)",
      "coroutine body (hoisted)",
    ]) {
      expect(stdout).toContain(contender);
    }
    expect(stdout).toMatch(/\| coroutine \/ async body, hoisted body: at most 1\.5x +\| +\d+\.\d\dx \|/);
    expect(stdout).toMatch(/\| coroutine \/ async body, inline body: at most 1\.5x +\| +\d+\.\d\dx \|/);
  });
});
