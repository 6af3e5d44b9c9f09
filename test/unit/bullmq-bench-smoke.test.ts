// The BullMQ benchmark runs once at a tiny size on every `npm test` (it starts its own redis-server, or uses
// REDIS_URL), so it cannot rot. No timing is asserted.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("bullmq benchmark (smoke run)", () => {
  it("runs every part and prints a row for each", { timeout: 120_000 }, () => {
    const result = spawnSync(process.execPath, ["bench/bullmq.bench.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    for (const row of [
      "throughput, trivial jobs, concurrency 50",
      "median of the per-round ratios",
      "progress latency, median (ms)",
      "progress latency, p99 (ms)",
      "cross-process cancel -> ctx.signal, median (ms)",
      "cross-process cancel -> ctx.signal, p99 (ms)",
    ]) {
      expect(result.stdout).toContain(row);
    }
    expect(result.stdout).toMatch(/Node v\d+/);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });
});
