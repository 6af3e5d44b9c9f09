// DESIGN 1.2 / 2.4 for operations of a pool (whose first `then` while started takes a path of its own): any number
// of consumers may await one operation; then/catch/finally return native promises; callbacks run asynchronously,
// chain, and see the result, the failure value itself, or a CanceledError; awaiting counts as observing a failure;
// then after close() throws IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, IllegalMethodCallError, onUnobservedError } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("awaiting an operation of a pool", () => {
  it("serves many consumers, each with a native promise that chains", async () => {
    await using pool = fixturePool();
    const op = pool.run("later", 7);
    const first = op.then((value) => (value as number) * 2);
    const second = op.then((value) => (value as number) + 1);
    const bare = op.then();
    const viaFinally = op.finally(() => undefined);
    for (const promise of [first, second, bare, viaFinally]) expect(promise).toBeInstanceOf(Promise);
    expect(await Promise.all([first, second, bare, viaFinally, op])).toEqual([14, 8, 7, 7, 7]);
    expect(await op.then(() => op.then((value) => `again ${String(value)}`))).toBe("again 7");
  });

  it("runs callbacks asynchronously, never inside then", async () => {
    await using pool = fixturePool();
    const op = pool.run("echo", 1);
    await op;
    let ran = false;
    const chained = op.then(() => {
      ran = true;
    });
    expect(ran).toBe(false);
    await chained;
    expect(ran).toBe(true);
  });

  it("a callback that throws rejects the returned promise; a failure rejects with the value itself", async () => {
    await using pool = fixturePool();
    const thrown = new Error("from the callback");
    await expect(
      pool.run("echo", 1).then(() => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    const failing = pool.run("fail", "string");
    expect(await failing.then(undefined, (reason: unknown) => reason)).toBe("just a string");
    expect(await failing.catch((reason: unknown) => reason)).toBe("just a string");
  });

  it("a canceled operation rejects every awaiter with the same CanceledError", async () => {
    await using pool = fixturePool();
    const { buffer, started } = sharedFlags();
    const op = pool.run("waitCancel", buffer);
    const first = op.then(undefined, (reason: unknown) => reason);
    await flagSet(started, 0);
    op.cancel();
    const second = op.then(undefined, (reason: unknown) => reason);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBeInstanceOf(CanceledError);
    expect(b).toBe(a);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("an awaited failure is observed (no unobserved report); then after close throws", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    const op = pool.run("fail", "type");
    await expect(op).rejects.toBeInstanceOf(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reported).toEqual([]);
    op.close();
    expect(() => op.then()).toThrow(IllegalMethodCallError);
  });

  it("tells awaiters before the completed handler, as in-process operations do", async () => {
    await using pool = fixturePool();
    const order: string[] = [];
    const op = pool.run("echo", 1);
    void op.then(() => order.push("awaiter"));
    op.completed = () => order.push("completed");
    await op;
    await Promise.resolve();
    expect(order).toEqual(["awaiter", "completed"]);
  });
});
