// DESIGN 4.1, cancel (cooperative first): the operation is canceled at once; in the worker ctx.signal aborts with
// a CanceledError reason, onCancel callbacks run, the body's finally runs; the operation's [Symbol.asyncDispose]
// resolves only after that finally. Latency is measured through a buffer the worker writes (no assertion on time).
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("cancel reaches the body in the worker", () => {
  it("is canceled at once; the worker's signal aborts with a CanceledError and onCancel runs", async () => {
    await using pool = fixturePool();
    const { buffer, flags, stamp } = sharedFlags();
    const op = pool.run("waitCancel", buffer);
    // Let the task start before canceling it.
    await pool.run("echo", 0);
    const before = process.hrtime.bigint();
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await flagSet(flags, 0);
    expect(Atomics.load(flags, 2)).toBe(1);
    expect(Atomics.load(flags, 3)).toBe(1);
    const latencyUs = Number(stamp[0]! - before) / 1000;
    expect(latencyUs).toBeGreaterThan(0);
    const error = await op.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
  });

  it("[Symbol.asyncDispose] waits for the body's finally in the worker", async () => {
    await using pool = fixturePool();
    const { buffer, flags } = sharedFlags();
    const op = pool.run("waitCancel", buffer);
    await pool.run("echo", 0);
    await op[Symbol.asyncDispose]();
    expect(Atomics.load(flags, 1)).toBe(1);
    expect(() => op.status).toThrow();
  });

  it("a signal given to run cancels the operation; an aborted one means the task never runs", async () => {
    await using pool = fixturePool();
    const controller = new AbortController();
    const { buffer, flags } = sharedFlags();
    const op = pool.run("waitCancel", buffer, { signal: controller.signal });
    await pool.run("echo", 0);
    controller.abort(new Error("stop"));
    expect(op.status).toBe(AsyncStatus.canceled);
    await flagSet(flags, 1);
    const early = pool.run("echo", 1, { signal: AbortSignal.abort() });
    expect(early.status).toBe(AsyncStatus.canceled);
  });

  it("a queued operation canceled before it was sent never runs and disposes at once", async () => {
    await using pool = fixturePool({ window: 1 });
    const { buffer } = sharedFlags();
    const running = pool.run("waitCancel", buffer);
    const queued = pool.run("echo", 1);
    expect(pool.snapshot().queued).toBe(1);
    await queued[Symbol.asyncDispose]();
    expect(pool.snapshot().queued).toBe(0);
    await running[Symbol.asyncDispose]();
  });

  it("an operation canceled before its worker started it never runs its body", async () => {
    await using pool = fixturePool();
    const { buffer, flags } = sharedFlags();
    const op = pool.run("waitCancel", buffer);
    op.cancel();
    await op[Symbol.asyncDispose]();
    expect(await pool.run("echo", 1)).toBe(1);
    expect(Array.from(flags)).toEqual([0, 0, 0, 0]);
  });
});
