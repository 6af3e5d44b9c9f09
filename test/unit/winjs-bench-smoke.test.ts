// The WinJS benchmark runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("WinJS benchmark (smoke run)", () => {
  it("bench/winjs.bench.mjs loads WinJS's own Promise and prints a row for both contenders in every scenario", () => {
    const result = spawnSync(process.execPath, ["bench/winjs.bench.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    for (const scenario of [
      "then-chain on a pending promise, completed once",
      "then-chain on completed promises (synchronous path)",
      "then-chain, each handler returns a promise completed later",
      "join over pending promises, then completed one by one",
      "join over completed promises",
    ]) {
      expect(result.stdout).toContain(scenario);
    }
    const rows = result.stdout.split("\n").filter((line) => /^\s+WinJS/.test(line));
    expect(rows.filter((line) => line.includes("WinJS.Promise (winjs 4.4)"))).toHaveLength(5);
    expect(rows.filter((line) => line.includes("WinJSPromise (winrt-async)"))).toHaveLength(5);
    expect(result.stdout).toMatch(/Node v\d+/);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });
});
