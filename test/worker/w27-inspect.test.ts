// Issue 16 item 10: util.inspect(pool) prints a short summary (size, threads, running, queued, closed), as the
// operations do, not the pool's private fields.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fixturePool } from "../helpers/worker.js";

describe("util.inspect(pool)", () => {
  it("is one short line with size, threads, running, queued and closed", async () => {
    const pool = fixturePool({ size: 2 });
    expect(inspect(pool)).toBe("WorkerPool { size: 2, threads: 0, running: 0, queued: 0, closed: false }");
    const op = pool.run("later", 1);
    expect(inspect(pool)).toBe("WorkerPool { size: 2, threads: 1, running: 1, queued: 0, closed: false }");
    await op;
    await pool.close();
    const text = inspect(pool);
    expect(text).toBe("WorkerPool { size: 2, threads: 0, running: 0, queued: 0, closed: true }");
    expect(text).not.toContain("_");
  });
});
