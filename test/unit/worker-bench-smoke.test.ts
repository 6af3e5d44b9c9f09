// bench/worker.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("worker benchmark (smoke run)", () => {
  it("runs every contender and prints the throughput, round-trip, cancel-latency and target tables", () => {
    const result = spawnSync(process.execPath, ["bench/worker.bench.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
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
      expect(result.stdout).toContain(row);
    }
    expect(result.stdout).not.toMatch(/NaN|Infinity|undefined/);
  }, 130_000);
});
