// DESIGN 4.1, queueing: FIFO; `window` operations in flight per worker; over maxQueue, run returns an operation
// already in error (an AsyncError) and does not throw; run after close() throws IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, IllegalMethodCallError } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("the pool's queue", () => {
  it("starts operations in the order they were run", async () => {
    await using pool = fixturePool({ window: 1 });
    const order: number[] = [];
    const ops = Array.from({ length: 20 }, (_, i) => pool.run("later", i));
    ops.forEach((op, i) => (op.completed = () => order.push(i)));
    await Promise.all(ops);
    await Promise.resolve();
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("keeps at most `window` operations in flight per worker, the rest queued", async () => {
    await using pool = fixturePool({ window: 3 });
    const { buffer, flags } = sharedFlags();
    const blocker = pool.run("block", buffer);
    const rest = Array.from({ length: 5 }, (_, i) => pool.run("echo", i));
    await flagSet(flags, 0);
    expect(pool.snapshot()).toMatchObject({ threads: 1, running: 3, queued: 3 });
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    expect(await blocker).toBe("unblocked");
    expect(await Promise.all(rest)).toEqual([0, 1, 2, 3, 4]);
  });

  it("over maxQueue, run returns an operation already in error with an AsyncError", async () => {
    await using pool = fixturePool({ window: 1, maxQueue: 2 });
    const { buffer, flags } = sharedFlags();
    const blocker = pool.run("block", buffer);
    const waiting = [pool.run("echo", 1), pool.run("echo", 2)];
    const over = pool.run("echo", 3);
    expect(over.status).toBe(AsyncStatus.error);
    expect(over.errorCode).toBeInstanceOf(AsyncError);
    await expect(over).rejects.toBeInstanceOf(AsyncError);
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    await blocker;
    expect(await Promise.all(waiting)).toEqual([1, 2]);
  });

  it("run after close() throws IllegalMethodCallError", async () => {
    const pool = fixturePool();
    await pool.close();
    expect(() => pool.run("echo", 1)).toThrow(IllegalMethodCallError);
  });

  it("misuse throws synchronously: a name that is not a string, malformed options", async () => {
    await using pool = fixturePool();
    expect(() => pool.run(42 as unknown as string, 1)).toThrow(TypeError);
    expect(() => pool.run("echo", 1, { signal: {} as AbortSignal })).toThrow(TypeError);
    expect(() => pool.run("echo", 1, { transfer: {} as Transferable[] })).toThrow(TypeError);
    expect(() => fixturePool({ window: 0 })).toThrow(RangeError);
    expect(() => fixturePool({ size: 1.5 })).toThrow(RangeError);
    expect(() => fixturePool({ cancelGraceMs: -1 })).toThrow(RangeError);
    expect(() => fixturePool({ maxQueue: "x" as unknown as number })).toThrow(TypeError);
  });
});
