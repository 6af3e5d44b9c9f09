// The BullMQ benchmark runs once at a tiny size on every `npm test` (it starts its own redis-server, or uses
// REDIS_URL), so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("bullmq benchmark (smoke run)", () => {
  it("runs every part and prints a row for each", { timeout: 120_000 }, () => {
    const stdout = runBenchSmoke("bench/bullmq.bench.mjs", { timeout: 110_000 });
    for (const row of [
      "throughput, trivial jobs, concurrency 50",
      "median of the per-round ratios",
      "progress latency, median (ms)",
      "progress latency, p99 (ms)",
      "cross-process cancel -> ctx.signal, median (ms)",
      "cross-process cancel -> ctx.signal, p99 (ms)",
    ]) {
      expect(stdout).toContain(row);
    }
    expect(stdout).toMatch(/Node v\d+/);
  });
});
