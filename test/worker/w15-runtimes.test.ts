// The same pool under Deno and Bun (their npm binaries, dev dependencies of the project): results, progress, a
// rebuilt error class and a cancel, through each runtime's workers.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const script = "test/fixtures/worker/runtime-smoke.mjs";

describe.each([
  { runtime: "deno", args: ["run", "--allow-read", "--allow-env", script] },
  { runtime: "bun", args: [script] },
])("WorkerPool under $runtime", ({ runtime, args }) => {
  it("runs tasks, delivers progress, rebuilds errors and cancels", () => {
    const result = spawnSync(resolve(root, "node_modules/.bin", runtime), args, {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({
      instance: true,
      result: 3,
      count: 3,
      progress: [3],
      error: true,
      canceled: true,
    });
  }, 70_000);
});
