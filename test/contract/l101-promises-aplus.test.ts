// Promises/A+: the official compliance suite passes against our operations (`then` is A+ compliant; its third,
// progress argument changes nothing for the first two). Run in a child process: the suite brings its own mocha.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("Promises/A+ compliance suite", () => {
  it("passes all 872 tests of promises-aplus-tests against AsyncOperation", { timeout: 120_000 }, () => {
    const result = spawnSync(process.execPath, ["test/fixtures/promises-aplus.mjs"], {
      cwd: root,
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(result.stdout).toMatch(/\b872 passing\b/);
    expect(result.stdout).not.toMatch(/\bfailing\b/);
    expect(result.status).toBe(0);
  });
});
