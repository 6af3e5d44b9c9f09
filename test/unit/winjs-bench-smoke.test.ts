// The WinJS benchmark runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { describe, expect, it } from "vitest";
import { runBenchSmoke } from "../helpers/bench-smoke.js";

describe("WinJS benchmark (smoke run)", () => {
  it("bench/winjs.bench.mjs loads WinJS's own Promise and prints a row for both contenders in every scenario", () => {
    const stdout = runBenchSmoke("bench/winjs.bench.mjs");
    for (const scenario of [
      "then-chain on a pending promise, completed once",
      "then-chain on completed promises (synchronous path)",
      "then-chain, each handler returns a promise completed later",
      "join over pending promises, then completed one by one",
      "join over completed promises",
      "error event: n listeners added, one error dispatched, all removed",
    ]) {
      expect(stdout).toContain(scenario);
    }
    const rows = stdout.split("\n").filter((line) => /^\| WinJS/.test(line));
    expect(rows.filter((line) => line.includes("WinJS.Promise (winjs 4.4)"))).toHaveLength(6);
    expect(rows.filter((line) => line.includes("WinJSPromise (winrt-async)"))).toHaveLength(6);
    expect(stdout).toMatch(/Node v\d+/);
  });
});
