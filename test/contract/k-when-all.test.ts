// Cases 85-88 and 93 for whenAll (DESIGN 1.3, 2.8 #87 and #93): results in input order, progress, the first
// failure IN TIME decides, the others are canceled, cancellation flows to every input, nothing is left behind.
import { getEventListeners } from "node:events";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AsyncOperation,
  AsyncOperationWithProgress,
  AsyncStatus,
  CanceledError,
  IllegalMethodCallError,
  whenAll,
  type WhenAllProgress,
} from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle, watchUnhandledRejections, gatedOp as pending } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { rejection } from "../helpers/caught.js";

let unhandled: unknown[] = [];
beforeEach(() => {
  unhandled = watchUnhandledRejections();
});

describe.each(kinds)("whenAll over $name inputs", (kind) => {
  it("case 85: waits for every input and gives the results in input order, not completion order", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const c = pending(kind, 3);
    const all = whenAll([a.op, b.op, c.op]);
    c.gate.open();
    await settle();
    a.gate.open();
    await settle();
    expect(all.status).toBe(AsyncStatus.started);
    b.gate.open();
    await expect(all).resolves.toEqual([kind.expected(1), kind.expected(2), kind.expected(3)]);
    expect(all.status).toBe(AsyncStatus.completed);
    expect(all.getResults()).toEqual([kind.expected(1), kind.expected(2), kind.expected(3)]);
  });

  it("case 87 (DESIGN 2.8 #87): the first failure in time decides, not the first in argument order", async () => {
    const first = new Error("first argument, fails second");
    const second = new Error("second argument, fails first");
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const seen = captureUnobserved();
    const all = whenAll([a.op, b.op]);
    b.gate.fail(second);
    await settle();
    // `a` was canceled when `b` failed; its body failing afterwards is a late error (DESIGN 2.2 #3).
    expect(a.op.status).toBe(AsyncStatus.canceled);
    a.gate.fail(first);
    expect(await rejection(all)).toBe(second);
    expect(all.status).toBe(AsyncStatus.error);
    expect(all.errorCode).toBe(second);
    await settle();
    expect(seen).toEqual([{ error: first, operation: a.op }]);
  });

  it("case 87: an input failed before the call, later in argument order, decides over pending ones", async () => {
    const error = new Error("already failed");
    const a = pending(kind, 1);
    const failed = kind.fromError(error);
    const all = whenAll([a.op, failed]);
    expect(await rejection(all)).toBe(error);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });

  it("case 88: a canceled input makes whenAll canceled (a CanceledError), and the others are canceled", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const all = whenAll([a.op, b.op]);
    b.op.cancel();
    const reason = await rejection(all);
    expect(reason).toBeInstanceOf(CanceledError);
    expect(all.status).toBe(AsyncStatus.canceled);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });

  it("an input failure cancels every input still running, and leaves finished ones alone", async () => {
    const done = pending(kind, 1);
    const running = pending(kind, 2);
    const failing = pending(kind, 3);
    const all = whenAll([done.op, running.op, failing.op]);
    done.gate.open();
    await settle();
    expect(done.op.status).toBe(AsyncStatus.completed);
    const error = new Error("boom");
    failing.gate.fail(error);
    expect(await rejection(all)).toBe(error);
    expect(done.op.status).toBe(AsyncStatus.completed);
    expect(running.op.status).toBe(AsyncStatus.canceled);
    expect(failing.op.status).toBe(AsyncStatus.error);
  });

  it("canceling the combined operation cancels every input, at once", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const all = whenAll([a.op, b.op]);
    all.cancel();
    expect(all.status).toBe(AsyncStatus.canceled);
    expect(a.op.status).toBe(AsyncStatus.canceled);
    expect(b.op.status).toBe(AsyncStatus.canceled);
    expect(await rejection(all)).toBeInstanceOf(CanceledError);
  });

  it("aborting options.signal cancels the combined operation and every input; the reason is the cause", async () => {
    const controller = new AbortController();
    const a = pending(kind, 1);
    const all = whenAll([a.op], { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    expect(all.status).toBe(AsyncStatus.canceled);
    expect(a.op.status).toBe(AsyncStatus.canceled);
    const error = await rejection(all);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("an already-aborted signal: starts canceled and cancels every input", () => {
    const a = pending(kind, 1);
    const all = whenAll([a.op], { signal: AbortSignal.abort() });
    expect(all.status).toBe(AsyncStatus.canceled);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });

  it("case 93: leaves the completed slot of our inputs free (a handler assigned afterwards runs)", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const all = whenAll([a.op, b.op]);
    const record = recorder();
    a.op.completed = record.handler;
    a.gate.open();
    b.gate.open();
    await all;
    await microtasks();
    expect(record.calls).toEqual([{ sender: a.op, status: AsyncStatus.completed }]);
  });

  it("accepts inputs that are already terminal, in any status", async () => {
    const all = whenAll([kind.fromResult(1), kind.fromResult(2)]);
    await expect(all).resolves.toEqual([kind.expected(1), kind.expected(2)]);
    expect(await rejection(whenAll([kind.fromResult(1), kind.canceled()]))).toBeInstanceOf(CanceledError);
  });

  it("a closed input fails the combined operation with IllegalMethodCallError and cancels the others", async () => {
    const closed = kind.fromResult(1);
    closed.close();
    const a = pending(kind, 2);
    const all = whenAll([a.op, closed]);
    expect(await rejection(all)).toBeInstanceOf(IllegalMethodCallError);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });
});

describe("whenAll: inputs of every shape", () => {
  it("mixes our four kinds, foreign objects, native promises and thenables; results keep input order", async () => {
    const f = foreign();
    const thenable: PromiseLike<string> = {
      then: (onFulfilled) => Promise.resolve("thenable").then(onFulfilled),
    };
    const ops = kinds.map((kind) => pending(kind, 10));
    const all = whenAll([...ops.map((p) => p.op), f.op, Promise.resolve("promise"), thenable]);
    expect(f.counts.completed).toBe(1);
    f.finish(AsyncStatus.completed, 99);
    for (const p of ops.reverse()) p.gate.open();
    await expect(all).resolves.toEqual([undefined, undefined, 10, 10, 99, "promise", "thenable"]);
  });

  it("takes any iterable: a Set and a generator", async () => {
    await expect(whenAll(new Set([AsyncOperation.fromResult(1), Promise.resolve(2)]))).resolves.toEqual([1, 2]);
    function* generate(): Generator<AsyncOperation<number>> {
      for (let i = 0; i < 3; i++) yield AsyncOperation.run(async () => i);
    }
    await expect(whenAll(generate())).resolves.toEqual([0, 1, 2]);
  });

  it("a foreign input that is canceled (getResults says E_ILLEGAL_METHOD_CALL) cancels whenAll (case 88)", async () => {
    const f = foreign();
    const g = gate();
    const ours = AsyncOperation.run(async () => g.promise);
    const all = whenAll([f.op, ours]);
    f.finish(AsyncStatus.canceled);
    expect(await rejection(all)).toBeInstanceOf(CanceledError);
    expect(ours.status).toBe(AsyncStatus.canceled);
  });

  it("a failure cancels pending foreign inputs once; a throwing foreign cancel() is ignored", async () => {
    const f = foreign();
    const throwing = foreign();
    (throwing.op as { cancel(): void }).cancel = () => {
      throw new Error("disconnected");
    };
    const finished = foreign({ status: AsyncStatus.completed, result: 1 });
    const error = new Error("boom");
    const all = whenAll([finished.op, f.op, throwing.op, Promise.reject(error)]);
    expect(await rejection(all)).toBe(error);
    expect(f.counts.cancel).toBe(1);
    expect(f.op.status).toBe(AsyncStatus.canceled);
    expect(finished.counts.cancel).toBe(0);
  });

  it("a plain promise cannot be canceled; its late rejection is absorbed (no unhandled rejection)", async () => {
    const g = gate();
    const late = g.promise.then(() => {
      throw new Error("late");
    });
    const all = whenAll([late, AsyncOperation.fromError<number>(new Error("first"))]);
    await rejection(all);
    g.open();
    await settle();
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("a foreign input whose completed slot is taken fails the combined operation with the setter's error", async () => {
    const f = foreign();
    f.op.completed = () => undefined;
    const g = gate();
    const ours = AsyncOperation.run(async () => g.promise);
    const all = whenAll([ours, f.op]);
    expect((await rejection(all)) as Error).toHaveProperty("name", "IllegalDelegateAssignmentError");
    expect(ours.status).toBe(AsyncStatus.canceled);
  });

  it("errors of inputs are observed by whenAll: the only unobserved report is the combined one, if unawaited", async () => {
    const seen = captureUnobserved();
    const error = new Error("input failed");
    const input = AsyncOperation.run<number>(async () => {
      await Promise.resolve();
      throw error;
    });
    const all = whenAll([input]);
    await settle();
    await settle();
    expect(all.status).toBe(AsyncStatus.error);
    expect(seen).toEqual([{ error, operation: all }]);
  });
});

describe("whenAll([]) (case 86)", () => {
  it("is completed with [] when it returns", () => {
    const all = whenAll([]);
    expect(all.status).toBe(AsyncStatus.completed);
    expect(all.getResults()).toEqual([]);
  });

  it("an empty iterable too", async () => {
    const all = whenAll(new Set<Promise<number>>());
    expect(all.status).toBe(AsyncStatus.completed);
    await expect(all).resolves.toEqual([]);
  });
});

describe("whenAll progress", () => {
  it("reports { completed, total } once per input that completes, before the combined operation completes", async () => {
    const a = pending(kinds[2]!, 1);
    const b = pending(kinds[2]!, 2);
    const c = pending(kinds[2]!, 3);
    const all = whenAll([a.op, b.op, c.op]);
    const seen: WhenAllProgress[] = [];
    const handlerSeen: unknown[] = [];
    all.onProgress((progress) => seen.push(progress));
    all.progress = (sender, progress) => handlerSeen.push([sender, progress]);
    b.gate.open();
    await settle();
    expect(seen).toEqual([{ completed: 1, total: 3 }]);
    c.gate.open();
    a.gate.open();
    let statusAtLastReport: AsyncStatus | undefined;
    all.onProgress((progress) => {
      if (progress.completed === progress.total) statusAtLastReport = all.status;
    });
    await all;
    expect(seen).toEqual([
      { completed: 1, total: 3 },
      { completed: 2, total: 3 },
      { completed: 3, total: 3 },
    ]);
    expect(handlerSeen).toHaveLength(3);
    expect((handlerSeen[0] as unknown[])[0]).toBe(all);
    expect(statusAtLastReport).toBe(AsyncStatus.started);
  });

  it("counts inputs that were already completed, and nothing after a failure", async () => {
    const failing = gate();
    const all = whenAll([
      AsyncOperation.fromResult(1),
      AsyncOperation.run<number>(async () => {
        await failing.promise;
        return 2;
      }),
      AsyncOperation.run<number>(async () => 3),
    ]);
    const seen: WhenAllProgress[] = [];
    all.onProgress((progress) => seen.push(progress));
    await settle();
    failing.fail(new Error("x"));
    await rejection(all);
    expect(seen).toEqual([
      { completed: 1, total: 3 },
      { completed: 2, total: 3 },
    ]);
  });

  it("the combined operation is an AsyncOperationWithProgress with the given description", () => {
    const all = whenAll([Promise.resolve(1)], { description: "all of them" });
    expect(all).toBeInstanceOf(AsyncOperationWithProgress);
    expect(all.description).toBe("all of them");
  });
});

describe("whenAll leaves nothing behind", () => {
  it("one listener on options.signal while running, none after completion", async () => {
    const controller = new AbortController();
    const g = gate();
    const all = whenAll([AsyncOperation.run(async () => g.promise), AsyncOperation.run(async () => 1)], {
      signal: controller.signal,
    });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    g.open();
    await all;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("none after a failure or a cancellation", async () => {
    const controller = new AbortController();
    const failed = whenAll([Promise.reject(new Error("x")), new Promise(() => undefined)], {
      signal: controller.signal,
    });
    await rejection(failed);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    const canceled = whenAll([new Promise(() => undefined)], { signal: controller.signal });
    canceled.cancel();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("the combined operation's body ends when it is canceled, so [Symbol.asyncDispose] does not hang", async () => {
    const all = whenAll([new Promise<number>(() => undefined)]);
    await all[Symbol.asyncDispose]();
    expect(() => all.status).toThrow(IllegalMethodCallError);
  });
});

describe("whenAll bad input", () => {
  it("throws TypeError for a non-iterable, naming what was expected", () => {
    expect(() => whenAll(42 as never)).toThrow(TypeError);
    expect(() => whenAll(42 as never)).toThrow(/iterable/);
    expect(() => whenAll(undefined as never)).toThrow(/iterable/);
    expect(() => whenAll(AsyncOperation.fromResult(1) as never)).toThrow(/iterable/);
  });

  it("throws TypeError for an element that is not an input, before touching any input", () => {
    const f = foreign();
    const g = gate();
    const ours = AsyncOperation.run(async () => g.promise);
    expect(() => whenAll([f.op, ours, 3] as never)).toThrow(/input 2 .*async operation.*promise-like.*number 3/);
    expect(f.counts.completed).toBe(0);
    expect(ours.status).toBe(AsyncStatus.started);
    expect(() => whenAll([null] as never)).toThrow(TypeError);
  });

  it("throws TypeError for malformed options", () => {
    expect(() => whenAll([], 5 as never)).toThrow(/options must be an object/);
    expect(() => whenAll([], { signal: {} as never })).toThrow(/options.signal must be an AbortSignal/);
    expect(() => whenAll([], { description: 5 as never })).toThrow(/options.description must be a string/);
  });
});
