// bench/worker.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("worker benchmark (smoke run)", () => {
  it("runs every contender and prints the throughput, round-trip, cancel-latency and target tables", () => {
    const stdout = runBenchSmoke("bench/worker.bench.mjs", { timeout: 120_000 });
    for (const row of [
      "raw MessagePort echo",
      "raw echo, 100 per message",
      "winrt-async WorkerPool",
      "Piscina 5",
      "Tinypool 2",
      "workerpool 10",
      "Sequential round trip",
      "ctx.signal abort listener",
      "ctx.canceled in a CPU-bound loop",
      "Crashes and forced termination",
      "Targets",
    ]) {
      expect(stdout).toContain(row);
    }
    expect(stdout).not.toMatch(/NaN|Infinity|undefined/);
  }, 130_000);
});
