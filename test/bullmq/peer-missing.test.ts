// bullmq and ioredis are optional peer dependencies of winrt-async/bullmq only: the package root imports without
// them, and importing the subpath without them (ESM or CJS) fails with an error naming the packages to install.
// Runs the built package (dist/, which npm test builds) copied into a folder where neither peer can be found.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "winrt-async-nopeers-"));
  const pkg = join(dir, "node_modules", "winrt-async");
  mkdirSync(pkg, { recursive: true });
  cpSync(join(root, "package.json"), join(pkg, "package.json"));
  cpSync(join(root, "dist"), join(pkg, "dist"), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const env = { ...process.env };
  delete env["NODE_PATH"];
  return spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env, timeout: 20_000 });
}

describe("without the optional peers", () => {
  it("imports the package root", () => {
    const esm = run(["--input-type=module", "-e", 'const m = await import("winrt-async"); console.log(typeof m.AsyncOperation)']);
    expect(esm.stdout.trim()).toBe("function");
    const cjs = run(["-e", 'console.log(typeof require("winrt-async").AsyncOperation)']);
    expect(cjs.stdout.trim()).toBe("function");
  });

  it("fails to import winrt-async/bullmq with an error naming bullmq and ioredis", () => {
    for (const args of [
      ["--input-type=module", "-e", 'await import("winrt-async/bullmq")'],
      ["-e", 'require("winrt-async/bullmq")'],
    ]) {
      const result = run(args);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("npm install bullmq ioredis");
      expect(result.stderr).toMatch(/missing: ioredis, bullmq/);
    }
  });
});
