// DESIGN 4.1: pool.close() and [Symbol.asyncDispose] settle every operation (canceled) and end every thread;
// the snapshot shows threads, running and queued operations for diagnostics.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("closing a pool", () => {
  it("cancels running and queued operations, lets bodies unwind, ends every thread", async () => {
    const pool = fixturePool({ size: 2, window: 1 });
    const a = sharedFlags();
    const b = sharedFlags();
    const running = [pool.run("waitCancel", a.buffer), pool.run("waitCancel", b.buffer)];
    const queued = pool.run("echo", 1);
    expect(pool.snapshot()).toMatchObject({ size: 2, threads: 2, running: 2, queued: 1, closed: false });
    await flagSet(a.started, 0);
    await flagSet(b.started, 0);
    const closing = pool.close();
    expect(pool.close()).toBe(closing);
    for (const op of [...running, queued]) expect(op.status).toBe(AsyncStatus.canceled);
    await closing;
    expect(pool.snapshot()).toMatchObject({ threads: 0, running: 0, queued: 0, closed: true });
    // Both bodies saw the cancel and unwound (their finally ran) before the threads ended.
    for (const flags of [a.flags, b.flags]) expect(Array.from(flags)).toEqual([1, 1, 1, 1]);
  });

  it("terminates a thread whose body ignores the cancel after cancelGraceMs", async () => {
    const pool = fixturePool({ cancelGraceMs: 10 });
    const { buffer, flags } = sharedFlags();
    const op = pool.run("block", buffer);
    await flagSet(flags, 0);
    await pool.close();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(pool.snapshot().threads).toBe(0);
  });

  it("await using closes the pool", async () => {
    let escaped: ReturnType<typeof fixturePool> | undefined;
    {
      await using pool = fixturePool();
      escaped = pool;
      expect(await pool.run("echo", 1)).toBe(1);
    }
    expect(escaped.snapshot()).toMatchObject({ threads: 0, closed: true });
  });
});
