// Issue 19: the demo accounts for every operation id it shows. The combinators section skipped one (#13, a
// delay() it made without tracking it); every operation it makes is now printed, so the ids have no gap.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("demo ids", { timeout: 60_000 }, () => {
  it("the combinators section prints every operation id from the first to the last, none skipped", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(root, "demo/demo.mjs"), "combinators"], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", WINRT_ASYNC_DEMO_SPEED: "2", WINRT_ASYNC_DEMO_LIVE: "0" },
      timeout: 50_000,
    });
    const ids = [...new Set([...stdout.matchAll(/#(\d+) .*: started/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
  });
});
