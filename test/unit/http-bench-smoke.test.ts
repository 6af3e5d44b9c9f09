// bench/http.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("http benchmark (smoke run)", () => {
  it("runs both contenders and prints the trivial-operation, heap and target tables", () => {
    const stdout = runBenchSmoke("bench/http.bench.mjs", { timeout: 120_000 });
    for (const row of [
      "One trivial operation",
      "hand-written POST + SSE (baseline)",
      "winrt-async/http operationsHandler",
      "Server heap per open operation with a watcher",
      "Targets",
    ]) {
      expect(stdout).toContain(row);
    }
    expect(stdout).not.toMatch(/NaN|undefined/);
  }, 130_000);
});
