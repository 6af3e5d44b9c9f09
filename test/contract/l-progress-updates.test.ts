// progressUpdates (DESIGN 1.3): yields progress in order while the consumer keeps up, conflates for a slow one (latest value, no unbounded buffer), always yields the last value reported before the end, ends for every terminal status, releases its listener on break, and honours `signal`.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  AsyncStatus,
  CanceledError,
  progressUpdates,
  type AsyncProgressContext,
  type Disposable,
} from "../../src/index.js";
import { asProgress, progressKinds, type Kind, type ProgressOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, settle } from "../helpers/fixtures.js";
import { asWinRT, foreign } from "../helpers/foreign.js";

/** A running progress operation the test drives: report values, then complete, fail or cancel it. */
function driven(kind: Kind): {
  op: ProgressOp;
  report(value: number): void;
  complete(): void;
  fail(error: unknown): void;
} {
  let ctx: AsyncProgressContext<number> | undefined;
  const g = gate();
  const op = asProgress(
    kind.run(async (c: AsyncProgressContext<number>) => {
      ctx = c;
      await g.promise;
      return 9;
    }),
  );
  return { op, report: (value) => ctx!.report(value), complete: () => g.open(), fail: (error) => g.fail(error) };
}

/**
 * Wraps the operation's public `onProgress` to count the listeners registered through it that are still
 * subscribed, and the values delivered to them.
 */
function trackListeners(op: ProgressOp): { added: number; active: number; delivered: number[] } {
  const track = { added: 0, active: 0, delivered: [] as number[] };
  const original = op.onProgress.bind(op);
  op.onProgress = (listener: (progress: number) => void): Disposable => {
    track.added++;
    track.active++;
    const inner = original((value) => {
      track.delivered.push(value);
      listener(value);
    });
    let disposed = false;
    return {
      [Symbol.dispose]() {
        if (!disposed) track.active--;
        disposed = true;
        inner[Symbol.dispose]();
      },
    };
  };
  return track;
}

/** Whether `promise` has settled after the microtask queue drained. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await microtasks();
  return settled;
}

const done = { value: undefined, done: true };

describe.each(progressKinds)("$name", (kind) => {
  it("yields every value in order when the consumer keeps up, then ends", async () => {
    const d = driven(kind);
    const updates = progressUpdates(asWinRT(d.op));
    for (const value of [1, 2, 3, 4, 5]) {
      const next = updates.next();
      d.report(value);
      expect(await next).toEqual({ value, done: false });
    }
    const last = updates.next();
    d.complete();
    expect(await last).toEqual(done);
  });

  it("for await sees every value of a consumer that keeps up", async () => {
    const d = driven(kind);
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const value of progressUpdates(asWinRT(d.op))) seen.push(value);
    })();
    for (const value of [10, 20, 30]) {
      d.report(value);
      await microtasks();
    }
    d.complete();
    await consumer;
    expect(seen).toEqual([10, 20, 30]);
  });

  it("gives a slow consumer the latest value, not a buffer of the ones in between", async () => {
    const d = driven(kind);
    const updates = progressUpdates(asWinRT(d.op));
    for (let value = 1; value <= 1000; value++) d.report(value);
    expect(await updates.next()).toEqual({ value: 1000, done: false });
    // Nothing older was kept: the next value is the next report, not 999.
    const next = updates.next();
    expect(await isSettled(next)).toBe(false);
    d.report(1001);
    expect(await next).toEqual({ value: 1001, done: false });
    d.complete();
  });

  it("always yields the last value reported before completion, then ends", async () => {
    const d = driven(kind);
    const seen: number[] = [];
    const consumerGate = gate();
    const consumer = (async () => {
      for await (const value of progressUpdates(asWinRT(d.op))) {
        seen.push(value);
        if (value === 1) await consumerGate.promise;
      }
    })();
    d.report(1);
    await microtasks();
    d.report(2);
    d.report(3);
    d.complete();
    await microtasks();
    expect(d.op.status).toBe(AsyncStatus.completed);
    consumerGate.open();
    await consumer;
    expect(seen).toEqual([1, 3]);
  });

  it("keeps ending (done) on every later next()", async () => {
    const d = driven(kind);
    const updates = progressUpdates(asWinRT(d.op));
    d.report(5);
    d.complete();
    await microtasks();
    expect(await updates.next()).toEqual({ value: 5, done: false });
    expect(await updates.next()).toEqual(done);
    expect(await updates.next()).toEqual(done);
  });

  it("ends at once on an operation that already ended", async () => {
    const op = asProgress(kind.fromResult(1));
    expect(await progressUpdates(asWinRT(op)).next()).toEqual(done);
  });

  describe.each([
    { ending: "error", status: AsyncStatus.error },
    { ending: "canceled", status: AsyncStatus.canceled },
  ])("when the operation ends in $ending", ({ status }) => {
    function end(d: ReturnType<typeof driven>): void {
      if (status === AsyncStatus.error) d.fail(new Error("failed"));
      else d.op.cancel();
    }

    it("a pending next() ends with done (it does not reject)", async () => {
      captureUnobserved();
      const d = driven(kind);
      const updates = progressUpdates(asWinRT(d.op));
      const next = updates.next();
      end(d);
      expect(await next).toEqual(done);
      expect(d.op.status).toBe(status);
      expect(await updates.next()).toEqual(done);
      await settle(); // let the unobserved-error report of the failed operation fire while it is captured
    });

    it("the last value reported before the end is yielded, then the iteration ends", async () => {
      captureUnobserved();
      const d = driven(kind);
      const seen: number[] = [];
      const updates = progressUpdates(asWinRT(d.op));
      d.report(7);
      d.report(8);
      end(d);
      await microtasks();
      expect(d.op.status).toBe(status);
      for await (const value of updates) seen.push(value);
      expect(seen).toEqual([8]);
      await settle();
    });
  });

  it("break out of for await removes the listener: later reports reach nobody", async () => {
    const d = driven(kind);
    // A listener of our own, registered before tracking starts, shows the reports really happen.
    const other: number[] = [];
    d.op.onProgress((value) => other.push(value));
    const track = trackListeners(d.op);
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const value of progressUpdates(asWinRT(d.op))) {
        seen.push(value);
        break;
      }
    })();
    expect(track.added).toBe(1);
    expect(track.active).toBe(1);
    d.report(1);
    await consumer;
    expect(seen).toEqual([1]);
    expect(track.active).toBe(0);

    d.report(2);
    expect(other).toEqual([1, 2]);
    expect(track.delivered).toEqual([1]);
    d.complete();
  });

  it("the signal rejects a pending next() with CanceledError (cause: the reason) and does not cancel the operation", async () => {
    const d = driven(kind);
    const track = trackListeners(d.op);
    const controller = new AbortController();
    const updates = progressUpdates(asWinRT(d.op), { signal: controller.signal });
    const next = updates.next();
    const why = new Error("consumer left");
    controller.abort(why);
    const reason: unknown = await next.catch((caught: unknown) => caught);
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).cause).toBe(why);
    expect(d.op.status).toBe(AsyncStatus.started);
    expect(track.active).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    d.report(3);
    expect(track.delivered).toEqual([]);
    expect(await updates.next()).toEqual(done);
    d.complete();
  });

  it("an already-aborted signal makes the first next() reject with CanceledError", async () => {
    const d = driven(kind);
    const track = trackListeners(d.op);
    const updates = progressUpdates(asWinRT(d.op), { signal: AbortSignal.abort() });
    await expect(updates.next()).rejects.toBeInstanceOf(CanceledError);
    expect(track.active).toBe(0);
    d.complete();
  });

  it("works on a foreign progress object (assigning its progress)", async () => {
    const f = foreign({ withProgress: true });
    const updates = progressUpdates(f.op);
    expect(f.counts.progress).toBe(1);
    const first = updates.next();
    f.report(1);
    expect(await first).toEqual({ value: 1, done: false });
    f.report(2);
    f.report(3);
    f.finish(AsyncStatus.completed, kind.expected(9));
    await microtasks();
    expect(await updates.next()).toEqual({ value: 3, done: false });
    expect(await updates.next()).toEqual(done);
  });

  it("ends on a foreign progress object that is canceled", async () => {
    const f = foreign({ withProgress: true });
    const updates = progressUpdates(f.op);
    const next = updates.next();
    f.finish(AsyncStatus.canceled);
    expect(await next).toEqual(done);
  });
});
