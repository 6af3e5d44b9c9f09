// Cases 89-93 for whenAny (DESIGN 1.3, 2.8 #90 and #93): the first input to finish decides (result, error or
// cancellation), the losers are canceled unless cancelLosers is false, late loser failures are absorbed.
import { getEventListeners } from "node:events";
import { beforeEach, describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, IllegalMethodCallError, whenAny } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle, watchUnhandledRejections, gatedOp as pending } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { rejection } from "../helpers/caught.js";

let unhandled: unknown[] = [];
beforeEach(() => {
  unhandled = watchUnhandledRejections();
});

describe.each(kinds)("whenAny over $name inputs", (kind) => {
  it("case 89: stays pending until one input finishes", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op]);
    await settle();
    expect(any.status).toBe(AsyncStatus.started);
    expect(a.op.status).toBe(AsyncStatus.started);
    expect(b.op.status).toBe(AsyncStatus.started);
    any.cancel();
  });

  it("cases 90, 91 (DESIGN 2.8 #90): ends with the first finisher's result and cancels the losers", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op]);
    b.gate.open();
    await expect(any).resolves.toBe(kind.expected(2));
    expect(any.status).toBe(AsyncStatus.completed);
    expect(b.op.status).toBe(AsyncStatus.completed);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });

  it("case 90 with cancelLosers: false: the losers keep running", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op], { cancelLosers: false });
    b.gate.open();
    await expect(any).resolves.toBe(kind.expected(2));
    expect(a.op.status).toBe(AsyncStatus.started);
    a.gate.open();
    await expect(a.op).resolves.toBe(kind.expected(1));
  });

  it("case 92: a winner that failed makes whenAny fail with the winner's error (the same value)", async () => {
    const error = new Error("winner failed");
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op]);
    a.gate.fail(error);
    expect(await rejection(any)).toBe(error);
    expect(any.status).toBe(AsyncStatus.error);
    expect(b.op.status).toBe(AsyncStatus.canceled);
  });

  it("case 92: a winner that was canceled makes whenAny canceled", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op], { cancelLosers: false });
    a.op.cancel();
    expect(await rejection(any)).toBeInstanceOf(CanceledError);
    expect(any.status).toBe(AsyncStatus.canceled);
    expect(b.op.status).toBe(AsyncStatus.started);
    b.op.cancel();
  });

  it("case 93: leaves the completed slot of our inputs free, winner and losers alike", async () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op]);
    const loser = recorder();
    const winner = recorder();
    a.op.completed = loser.handler;
    b.op.completed = winner.handler;
    b.gate.open();
    await any;
    await microtasks();
    expect(winner.calls).toEqual([{ sender: b.op, status: AsyncStatus.completed }]);
    expect(loser.calls).toEqual([{ sender: a.op, status: AsyncStatus.canceled }]);
  });

  it("canceling the combined operation cancels every input; with cancelLosers: false, none", () => {
    const a = pending(kind, 1);
    const b = pending(kind, 2);
    const any = whenAny([a.op, b.op]);
    any.cancel();
    expect(any.status).toBe(AsyncStatus.canceled);
    expect(a.op.status).toBe(AsyncStatus.canceled);
    expect(b.op.status).toBe(AsyncStatus.canceled);

    const c = pending(kind, 3);
    const keep = whenAny([c.op], { cancelLosers: false });
    keep.cancel();
    expect(keep.status).toBe(AsyncStatus.canceled);
    expect(c.op.status).toBe(AsyncStatus.started);
    c.op.cancel();
  });

  it("an already-finished input wins; an already-aborted signal starts canceled and cancels every input", async () => {
    const a = pending(kind, 1);
    await expect(whenAny([a.op, kind.fromResult(5)])).resolves.toBe(kind.expected(5));
    expect(a.op.status).toBe(AsyncStatus.canceled);

    const b = pending(kind, 2);
    const any = whenAny([b.op], { signal: AbortSignal.abort() });
    expect(any.status).toBe(AsyncStatus.canceled);
    expect(b.op.status).toBe(AsyncStatus.canceled);
  });

  it("a closed input fails as an input (IllegalMethodCallError) and so wins if first", async () => {
    const closed = kind.fromResult(1);
    closed.close();
    const a = pending(kind, 2);
    expect(await rejection(whenAny([a.op, closed]))).toBeInstanceOf(IllegalMethodCallError);
    expect(a.op.status).toBe(AsyncStatus.canceled);
  });
});

describe("whenAny: inputs of every shape", () => {
  it("a foreign winner gives its result; foreign losers get cancel() once", async () => {
    const winner = foreign();
    const loser = foreign();
    const any = whenAny([loser.op, winner.op, new Promise<number>(() => undefined)]);
    expect(winner.counts.completed).toBe(1);
    winner.finish(AsyncStatus.completed, 42);
    await expect(any).resolves.toBe(42);
    expect(loser.counts.cancel).toBe(1);
    expect(winner.counts.cancel).toBe(0);
  });

  it("a foreign winner that was canceled (getResults says E_ILLEGAL_METHOD_CALL) makes whenAny canceled", async () => {
    const f = foreign();
    const any = whenAny([f.op, new Promise<number>(() => undefined)]);
    f.finish(AsyncStatus.canceled);
    expect(await rejection(any)).toBeInstanceOf(CanceledError);
  });

  it("a plain promise may win; a throwing foreign cancel() is ignored", async () => {
    const f = foreign();
    (f.op as { cancel(): void }).cancel = () => {
      throw new Error("disconnected");
    };
    await expect(whenAny([f.op, Promise.resolve("promise")])).resolves.toBe("promise");
  });

  it("takes any iterable", async () => {
    await expect(whenAny(new Set([new Promise<number>(() => undefined), AsyncOperation.fromResult(3)]))).resolves.toBe(3);
  });

  it("late failures of losers never surface as unhandled rejections", async () => {
    const g = gate();
    const lateRejection = g.promise.then(() => {
      throw new Error("late");
    });
    const late = AsyncOperation.run<number>(async () => {
      await g.promise;
      throw new Error("late op");
    });
    const any = whenAny([lateRejection, late, Promise.resolve(1)], { cancelLosers: false });
    await expect(any).resolves.toBe(1);
    g.open();
    await settle();
    await settle();
    expect(late.status).toBe(AsyncStatus.error);
    expect(unhandled).toEqual([]);
  });

  it("the combined operation is an AsyncOperation with the given description", () => {
    const any = whenAny([Promise.resolve(1)], { description: "first of them" });
    expect(any).toBeInstanceOf(AsyncOperation);
    expect(any.description).toBe("first of them");
  });
});

describe("whenAny leaves nothing behind", () => {
  it("one listener on options.signal while running, none after it settles", async () => {
    const controller = new AbortController();
    const g = gate();
    const any = whenAny([AsyncOperation.run(async () => g.promise)], { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    g.open();
    await any;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);

    const canceled = whenAny([new Promise(() => undefined)], { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(((await rejection(canceled)) as CanceledError).cause).toBe(reason);
  });

  it("the body ends when the combined operation is canceled, so [Symbol.asyncDispose] does not hang", async () => {
    const any = whenAny([new Promise<number>(() => undefined)]);
    await any[Symbol.asyncDispose]();
    expect(() => any.status).toThrow(IllegalMethodCallError);
  });
});

describe("whenAny bad input", () => {
  it("throws RangeError for no inputs: it could never finish", () => {
    expect(() => whenAny([])).toThrow(RangeError);
    expect(() => whenAny([])).toThrow(/at least one input/);
  });

  it("throws TypeError for a non-iterable or an element that is not an input, before touching any input", () => {
    expect(() => whenAny(7 as never)).toThrow(/iterable/);
    const f = foreign();
    expect(() => whenAny([f.op, "x"] as never)).toThrow(/input 1 .*string "x"/);
    expect(f.counts.completed).toBe(0);
  });

  it("throws TypeError for malformed options", () => {
    expect(() => whenAny([Promise.resolve(1)], { cancelLosers: "no" as never })).toThrow(
      /options.cancelLosers must be a boolean/,
    );
    expect(() => whenAny([Promise.resolve(1)], { signal: 1 as never })).toThrow(/options.signal must be an AbortSignal/);
    expect(() => whenAny([Promise.resolve(1)], null as never)).toThrow(/options must be an object/);
  });
});
