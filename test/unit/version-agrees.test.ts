// The version a user sees says what the package holds: package.json (and its lock) carry the newest dated section
// of CHANGELOG.md, an [Unreleased] heading stays on top for what comes next, and every tarball name the README and
// the guides tell a user to install is the one `npm pack` writes for that version.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { name: string; version: string };
const sections = [...read("CHANGELOG.md").matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => ({ name: m[1]!, rest: m[2]!.trim() }));

describe("version", () => {
  it("package.json and package-lock.json carry the newest released CHANGELOG section, which is dated", () => {
    expect(sections[0]?.name).toBe("Unreleased");
    const newest = sections[1]!;
    expect(newest.name).toBe(pkg.version);
    expect(newest.rest).toMatch(/^- \d{4}-\d{2}-\d{2}$/);
    const lock = JSON.parse(read("package-lock.json")) as { version: string; packages: Record<string, { version?: string }> };
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages[""]?.version).toBe(pkg.version);
  });

  it("every tarball name in README.md and docs/guides is the one npm pack writes for this version", () => {
    const files = ["README.md", ...readdirSync(join(root, "docs/guides")).filter((f) => f.endsWith(".md")).map((f) => `docs/guides/${f}`)];
    const names = files.flatMap((file) => [...read(file).matchAll(/winrt-async-[\w.-]+?\.tgz/g)].map((m) => `${file}: ${m[0]}`));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((entry) => !entry.endsWith(`: ${pkg.name}-${pkg.version}.tgz`))).toEqual([]);
  });
});
