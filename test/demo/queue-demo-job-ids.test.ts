// Issue 19: the queue demo (`npm run demo:queue`, a whole process against dist/ and the suite's Redis) names its
// jobs by ids a reader can tell apart. It printed the first 8 characters of each, which are the JobClient's shared
// random prefix: four identical strings.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("queue demo", { timeout: 90_000 }, () => {
  it("prints one distinct id per job it adds, and exits by itself with 0", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(root, "demo/queue-demo.mjs")], {
      cwd: root,
      env: { ...process.env, REDIS_URL: inject("redisUrl"), NO_COLOR: "1" },
      timeout: 80_000,
    });
    const line = /producer: added (\d+) jobs \(([^)]*)\)/.exec(stdout);
    expect(line).not.toBeNull();
    const ids = line![2]!.split(", ");
    expect(ids.length).toBe(Number(line![1]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
