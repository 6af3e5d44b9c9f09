// DESIGN 4.1: where SharedArrayBuffer exists, a shared flag makes ctx.canceled and throwIfCanceled() true inside
// a CPU-bound loop that never awaits (no message could reach it).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("a CPU-bound body sees the cancel through the shared flag", () => {
  it("ctx.canceled turns true inside a loop that never yields, and the body unwinds", async () => {
    await using pool = fixturePool();
    const { buffer, flags } = sharedFlags();
    const op = pool.run("spin", buffer);
    await flagSet(flags, 0);
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await op[Symbol.asyncDispose]();
    expect(Atomics.load(flags, 2)).toBe(1);
    expect(Atomics.load(flags, 1)).toBe(1);
    // The thread was not terminated: it serves the next task.
    expect(pool.snapshot().threads).toBe(1);
    expect(await pool.run("echo", 5)).toBe(5);
  });
});
