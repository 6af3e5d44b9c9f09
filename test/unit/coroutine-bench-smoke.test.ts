// bench/coroutine.bench.mjs runs once at a tiny size on every `npm test`, so it cannot rot. No timing is asserted.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("coroutine benchmark (smoke run)", () => {
  it("runs every contender and prints the ratios", () => {
    const result = spawnSync(process.execPath, ["--expose-gc", "bench/coroutine.bench.mjs", "--smoke"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    for (const contender of [
      "native async fn awaiting",
      "native generator, by hand",
      "async body (inline)",
      "coroutine body (inline)",
      "async body (hoisted)",
      "coroutine body (hoisted)",
    ]) {
      expect(result.stdout).toContain(contender);
    }
    expect(result.stdout).toMatch(/coroutine \/ async body, body defined once \(hoisted\): \d+\.\d\dx/);
    expect(result.stdout).toMatch(/coroutine \/ async body, body written inline: +\d+\.\d\dx/);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });
});
