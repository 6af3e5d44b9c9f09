// bench/http-client.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("http client benchmark (smoke run)", () => {
  it("prints the progress-latency and cancel-latency tables, each beside its hand-written baseline", () => {
    const stdout = runBenchSmoke("bench/http-client.bench.mjs", { timeout: 60_000 });
    for (const row of [
      "progress: ctx.report -> client listener",
      "OperationClient (POST stream)",
      "hand-written SSE + parser",
      "cancel: op.cancel() -> body's ctx.signal",
      "OperationClient (DELETE)",
      "hand-written DELETE route",
    ]) {
      expect(stdout).toContain(row);
    }
    expect(stdout).not.toMatch(/NaN|Infinity|undefined/);
  }, 70_000);
});
