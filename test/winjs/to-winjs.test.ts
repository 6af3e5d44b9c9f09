// toWinJS: the face the UWP JavaScript projection gave WinRT async objects (then/done/cancel/.operation, progress to
// progress handlers, cancellation as WinJS's "Canceled" error), over all four of our kinds and over foreign objects.
import { afterEach, describe, expect, it } from "vitest";
import {
  AsyncStatus,
  CanceledError,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  type AsyncProgressContext,
} from "../../src/index.js";
import { toWinJS, WinJSPromise, type WinJSErrorEvent } from "../../src/winjs/index.js";
import { captureListenerErrors, gate, microtasks, settle } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { kinds, progressKinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { isWinJSCanceled } from "../helpers/work-queue.js";
import { bridges } from "../helpers/wrappers.js";

type View = WinJSPromise<unknown, unknown> & { readonly operation: unknown };

function view(op: AnyOp): View {
  return toWinJS(op as never) as unknown as View;
}

/** An operation of `kind` that reports each value of `progress` when the test calls `step()`, then completes. */
function stepped(kind: Kind, value: number): { op: AnyOp; ctx: () => AsyncProgressContext<number>; finish(): void } {
  const g = gate();
  let context!: AsyncProgressContext<number>;
  const op = kind.run(async (ctx) => {
    context = ctx;
    await g.promise;
    return value;
  });
  return { op, ctx: () => context, finish: () => g.open() };
}

const listeners: Array<(event: WinJSErrorEvent) => void> = [];
afterEach(() => {
  for (const listener of listeners.splice(0)) WinJSPromise.removeEventListener("error", listener);
});

describe.each(kinds)("toWinJS over $name", (kind) => {
  it("completes with the result, a microtask after the operation; .operation is the operation; one view per operation", async () => {
    const { op, finish } = stepped(kind, 7);
    const promise = view(op);
    expect(promise).toBeInstanceOf(WinJSPromise);
    expect(promise.operation).toBe(op);
    expect(view(op)).toBe(promise);
    expect(WinJSPromise.as(op)).toBe(promise);
    const seen: unknown[] = [];
    promise.then((value) => seen.push(value));
    finish();
    await settle();
    expect(seen).toEqual([kind.expected(7)]);
    // From then on WinJS's synchronous delivery applies.
    promise.then((value) => seen.push(value));
    expect(seen).toEqual([kind.expected(7), kind.expected(7)]);
  });

  it("does not use up the operation's completed handler", async () => {
    const { op, finish } = stepped(kind, 1);
    view(op);
    const statuses: AsyncStatus[] = [];
    op.completed = (_info, status) => statuses.push(status);
    finish();
    await settle();
    expect(statuses).toEqual([AsyncStatus.completed]);
  });

  it("fails with the operation's error itself, and the error event sees it enter", async () => {
    const details: unknown[] = [];
    const listener = (event: WinJSErrorEvent): void => {
      details.push(event.detail.error);
    };
    WinJSPromise.addEventListener("error", listener);
    listeners.push(listener);
    const failure = new Error("failed op");
    const op = kind.run(async () => {
      await Promise.resolve();
      throw failure;
    });
    const errors: unknown[] = [];
    view(op).then(null, (error: unknown) => errors.push(error));
    await settle();
    expect(errors).toEqual([failure]);
    expect(errors[0]).toBe(failure);
    expect(details[0]).toBe(failure);
  });

  it("cancel() cancels the operation and errors the view Canceled, both inside the call", () => {
    const { op } = stepped(kind, 1);
    const promise = view(op);
    const errors: unknown[] = [];
    promise.then(null, (error: unknown) => errors.push(error));
    promise.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("canceling a then() of the view, or a chain waiting on the operation, cancels the operation", () => {
    const first = stepped(kind, 1);
    view(first.op)
      .then((value) => value)
      .cancel();
    expect(first.op.status).toBe(AsyncStatus.canceled);
    const second = stepped(kind, 2);
    const errors: unknown[] = [];
    const chain = WinJSPromise.wrap(0)
      .then(() => second.op)
      .then(null, (error: unknown) => errors.push(error));
    chain.cancel();
    expect(second.op.status).toBe(AsyncStatus.canceled);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("an operation canceled elsewhere makes the view error Canceled, with the CanceledError as cause", async () => {
    const { op } = stepped(kind, 1);
    const errors: unknown[] = [];
    view(op).then(null, (error: unknown) => errors.push(error));
    op.cancel();
    await settle();
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    expect((errors[0] as Error).cause).toBeInstanceOf(CanceledError);
  });

  it("an already completed operation completes the view", async () => {
    const op = kind.fromResult(3);
    await expect(view(op)).resolves.toBe(kind.expected(3));
  });

  it("join and any take the operation (its value, and { key, value: theOperation })", async () => {
    const a = stepped(kind, 1);
    const b = stepped(kind, 2);
    let joined: unknown;
    let anyOf: unknown;
    WinJSPromise.join([a.op, b.op]).then((values) => (joined = values));
    WinJSPromise.any({ a: a.op, b: b.op }).then((item) => (anyOf = item));
    b.finish();
    await settle();
    expect(anyOf).toEqual({ key: "b", value: b.op });
    expect(joined).toBeUndefined();
    a.finish();
    await settle();
    expect(joined).toEqual([kind.expected(1), kind.expected(2)]);
  });

  it("a join of canceled operations is canceled", async () => {
    const a = stepped(kind, 1);
    const b = stepped(kind, 2);
    const errors: unknown[] = [];
    WinJSPromise.join([a.op, b.op]).then(null, (error: unknown) => errors.push(error));
    a.op.cancel();
    b.op.cancel();
    await settle();
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("done() on the view reports an unhandled failure of the operation", async () => {
    const reported = captureListenerErrors();
    const failure = new Error("unhandled");
    const op = kind.fromError(failure);
    view(op).done();
    await settle();
    expect(reported).toEqual([failure]);
  });

  it("throws IllegalMethodCallError for a closed operation", () => {
    const op = kind.fromResult(1);
    op.close();
    expect(caught(() => view(op))).toBeInstanceOf(IllegalMethodCallError);
  });
});

describe.each(progressKinds)("toWinJS progress over $name", (kind) => {
  it("progress reaches then() and done() progress handlers, synchronously, and passes through handler-less then()s", async () => {
    const { op, ctx, finish } = stepped(kind, 5);
    const promise = view(op);
    const seen: string[] = [];
    promise.then(null, null, (value) => seen.push(`then:${String(value)}`));
    promise.done(null, null, (value) => seen.push(`done:${String(value)}`));
    promise.then().then(null, null, (value) => seen.push(`passed:${String(value)}`));
    await microtasks();
    ctx().report(1);
    expect(seen).toEqual(["then:1", "done:1", "passed:1"]);
    ctx().report(2);
    finish();
    await settle();
    expect(seen).toEqual(["then:1", "done:1", "passed:1", "then:2", "done:2", "passed:2"]);
  });
});

describe("toWinJS over a foreign WinRT object", () => {
  it("assigns completed once and completes with getResults(); .operation is the object; one view per object", async () => {
    const f = foreign();
    const promise = toWinJS(f.op);
    expect(promise.operation).toBe(f.op);
    expect(toWinJS(f.op)).toBe(promise);
    expect(f.counts.completed).toBe(1);
    const seen: number[] = [];
    promise.then((value) => seen.push(value));
    f.finish(AsyncStatus.completed, 9);
    await settle();
    expect(seen).toEqual([9]);
  });

  it("passes progress when the object has a progress slot", async () => {
    const f = foreign({ withProgress: true });
    const seen: number[] = [];
    toWinJS(f.op).then(null, null, (value) => seen.push(value));
    f.report(1);
    f.report(2);
    expect(seen).toEqual([1, 2]);
    f.finish(AsyncStatus.completed, 0);
    await settle();
    // The view has settled: a (misbehaving) late report is not delivered.
    f.report(3);
    expect(seen).toEqual([1, 2]);
  });

  it("fails with the error getResults() throws", async () => {
    const f = foreign();
    const failure = new Error("foreign failure");
    const errors: unknown[] = [];
    toWinJS(f.op).then(null, (error: unknown) => errors.push(error));
    f.finish(AsyncStatus.error, failure);
    await settle();
    expect(errors).toEqual([failure]);
  });

  it("cancel() calls the object's cancel() and errors Canceled at once; a cancel from elsewhere is Canceled too", async () => {
    const f = foreign();
    const errors: unknown[] = [];
    const promise = toWinJS(f.op);
    promise.then(null, (error: unknown) => errors.push(error));
    promise.cancel();
    expect(f.counts.cancel).toBe(1);
    expect(f.op.status).toBe(AsyncStatus.canceled);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    const g = foreign();
    const errors2: unknown[] = [];
    toWinJS(g.op).then(null, (error: unknown) => errors2.push(error));
    g.op.cancel();
    await settle();
    expect(errors2).toHaveLength(1);
    expect(isWinJSCanceled(errors2[0])).toBe(true);
  });

  it("an object already terminal settles without a handler", async () => {
    const f = foreign({ status: AsyncStatus.completed, result: 4 });
    await expect(toWinJS(f.op)).resolves.toBe(4);
    expect(f.counts.completed).toBe(0);
  });

  it("throws what toPromise throws for a taken completed slot, synchronously", () => {
    const f = foreign();
    f.op.completed = () => undefined;
    expect(caught(() => toWinJS(f.op))).toBeInstanceOf(IllegalDelegateAssignmentError);
  });

  it("throws TypeError for something that is not an async operation", () => {
    expect(() => toWinJS(5 as never)).toThrow(TypeError);
    expect(() => toWinJS({} as never)).toThrow(TypeError);
    expect(() => toWinJS(Promise.resolve(1) as never)).toThrow(TypeError);
    expect(() => toWinJS({ status: 0, getResults: () => 1 } as never)).toThrow(TypeError);
  });
});

describe.each(bridges)("toWinJS over a bridge wrapper: $name", (bridge) => {
  type Wrapper = Parameters<typeof toWinJS>[0];

  it("completes with the result; .operation is the wrapper; the wrapped operation's completed is not taken by us", async () => {
    const { wrapper, source } = bridge.make();
    const assignedBefore = source.counts.completed;
    const promise = toWinJS(wrapper as Wrapper);
    expect(promise.operation).toBe(wrapper);
    expect(toWinJS(wrapper as Wrapper)).toBe(promise);
    const seen: unknown[] = [];
    promise.then((value) => seen.push(value));
    source.finish(AsyncStatus.completed, 42);
    await settle();
    expect(seen).toEqual([42]);
    expect(source.counts.completed - assignedBefore).toBeLessThanOrEqual(1);
  });

  it("passes each progress value once to the progress handlers", async () => {
    const { wrapper, source } = bridge.make();
    const seen: unknown[] = [];
    toWinJS(wrapper as Wrapper).then(null, null, (value) => seen.push(value));
    source.report(1);
    source.report(2);
    source.finish(AsyncStatus.completed, 3);
    await settle();
    expect(seen).toEqual([1, 2]);
  });

  it("cancel() cancels through the wrapper and errors the view Canceled at once", async () => {
    const { wrapper, source } = bridge.make();
    const errors: unknown[] = [];
    const promise = toWinJS(wrapper as Wrapper);
    promise.then(null, (error: unknown) => errors.push(error));
    promise.cancel();
    expect(source.counts.cancel).toBe(1);
    expect(source.op.status).toBe(AsyncStatus.canceled);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    await settle();
    expect(errors).toHaveLength(1);
  });

  if (bridge.cancellationRecognizable) {
    it("a cancellation from elsewhere, in the bridge's own error shape, is Canceled in the view", async () => {
      const { wrapper, source } = bridge.make();
      const errors: unknown[] = [];
      toWinJS(wrapper as Wrapper).then(null, (error: unknown) => errors.push(error));
      source.op.cancel();
      await settle();
      expect(errors).toHaveLength(1);
      expect(isWinJSCanceled(errors[0])).toBe(true);
    });
  }
});
