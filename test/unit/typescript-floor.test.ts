// Issue 19: the README's TypeScript floor is the version the suite compiles the packed types with (the pinned
// `typescript-5.2` development dependency, used by test/smoke/pack-smoke.mjs), and that alias does not take over
// the `tsc` that `npm run typecheck` and `npx tsc` run: npm links both packages' `tsc` bin into node_modules/.bin,
// and the current TypeScript must win (a fresh `npm ci` links in path order, so it does; an incremental
// `npm install` that adds the alias may not: then relink them, `ln -sf ../typescript/bin/tsc node_modules/.bin/tsc`
// and the same for tsserver, or reinstall with `npm ci`).
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { devDependencies: Record<string, string> };
const version = (name: string): string => (JSON.parse(read(`node_modules/${name}/package.json`)) as { version: string }).version;

describe("the TypeScript floor", () => {
  it("is pinned as typescript-5.2, installed at that version, and is the floor the README states", () => {
    const spec = /^npm:typescript@(\d+\.\d+\.\d+)$/.exec(pkg.devDependencies["typescript-5.2"] ?? "");
    expect(spec).not.toBeNull();
    expect(version("typescript-5.2")).toBe(spec![1]);
    const floor = spec![1]!.split(".").slice(0, 2).join(".");
    expect(read("README.md")).toContain(`**TypeScript:** ${floor} or later`);
  });

  it("node_modules/.bin/tsc is the current TypeScript, not the floor's", () => {
    const bin = join(root, "node_modules/.bin", process.platform === "win32" ? "tsc.cmd" : "tsc");
    expect(existsSync(bin)).toBe(true);
    const target = process.platform === "win32" ? readFileSync(bin, "utf8") : realpathSync(bin);
    expect(target).toMatch(/node_modules[\\/]typescript[\\/]bin[\\/]tsc/);
    expect(version("typescript")).not.toBe(version("typescript-5.2"));
  });
});
