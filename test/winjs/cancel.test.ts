// WinJS cancellation: cancel() travels up a then() chain to the source and into the promise being waited on; unless
// the source's hook settles it, the promise errors, synchronously, with an Error named and worded "Canceled".
import { afterEach, describe, expect, it, vi } from "vitest";
import { isCanceledError, hresultOf, HResult } from "../../src/index.js";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { addLater, addLaterCancelable, deferred, isWinJSCanceled, WorkQueue } from "../helpers/work-queue.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("WinJSPromise cancel()", () => {
  it("errors a pending promise with WinJS's Canceled error, inside cancel()", () => {
    const source = deferred<number>();
    const errors: unknown[] = [];
    source.promise.then(null, (error: unknown) => errors.push(error));
    source.promise.cancel();
    expect(source.cancels).toBe(1);
    expect(errors).toHaveLength(1);
    const error = errors[0] as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("Canceled");
    expect(error.message).toBe("Canceled");
    expect(isCanceledError(error)).toBe(true);
    expect(hresultOf(error)).toBe(HResult.ERROR_CANCELLED);
  });

  it("from the end of a chain, reaches the source's hook and runs the error handlers of the chain", () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    addLaterCancelable(queue, 1, 1, () => log.push("source-hook"))
      .then((value) => addLater(queue, value, 1))
      .then(
        () => log.push("complete"),
        (error: unknown) => log.push(`error:${isWinJSCanceled(error)}`),
      )
      .cancel();
    expect(queue.isCanceled(0)).toBe(true);
    queue.drain();
    expect(log).toEqual(["source-hook", "error:true"]);
  });

  it("reaches the promise a handler returned (the promise being waited on)", () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    const chain = WinJSPromise.as(1)
      .then((value) => addLaterCancelable(queue, value, 1, () => log.push("inner-hook")))
      .then(
        () => log.push("complete"),
        (error: unknown) => log.push(`error:${isWinJSCanceled(error)}`),
      );
    chain.cancel();
    queue.drain();
    expect(log).toEqual(["inner-hook", "error:true"]);
  });

  it("a source shared by a join reaches every hook once", () => {
    const queue = new WorkQueue();
    let hooks = 0;
    const onCancel = (): void => {
      hooks++;
    };
    let first = addLaterCancelable(queue, 1, 1, onCancel);
    queue.drain();
    expect(hooks).toBe(0);
    first = first.then((value) => addLaterCancelable(queue, value, 3, onCancel));
    const second = addLaterCancelable(queue, 1, 2, onCancel);
    const joined = WinJSPromise.join({ first, second }).then((values) =>
      addLaterCancelable(queue, values.first + values.second, 4, onCancel),
    );
    joined.cancel();
    queue.drain();
    expect(hooks).toBe(2);
  });

  it("joining one promise three times and canceling the join cancels its source once", () => {
    const queue = new WorkQueue();
    const counts = { hooks: 0, complete: 0, error: 0 };
    const promise = addLaterCancelable(queue, 1, 2, () => counts.hooks++).then(
      () => counts.complete++,
      () => counts.error++,
    );
    WinJSPromise.join([promise, promise, promise]).cancel();
    queue.drain();
    expect(counts).toEqual({ hooks: 1, complete: 0, error: 1 });
  });

  it("cancels two chains that wait on each other", () => {
    const queue = new WorkQueue();
    const source = addLater(queue, 1, 2);
    const counts = { complete: 0, firstError: 0, canceledErrors: 0 };
    // eslint-disable-next-line prefer-const -- `b` is read by a handler before it is assigned
    let b: WinJSPromise<unknown> | undefined;
    const rethrowCanceled = (error: unknown): never => {
      if (isWinJSCanceled(error)) counts.canceledErrors++;
      throw error;
    };
    const a = source
      .then(
        () => (counts.complete++, b),
        () => counts.firstError++,
      )
      .then(() => counts.complete++, rethrowCanceled);
    b = source
      .then(
        () => (counts.complete++, a),
        () => counts.firstError++,
      )
      .then(() => counts.complete++, rethrowCanceled);
    queue.drain();
    expect(counts).toEqual({ complete: 2, firstError: 0, canceledErrors: 0 });
    b.cancel();
    expect(counts).toEqual({ complete: 2, firstError: 0, canceledErrors: 2 });
  });

  it("from the end of a chain of 100,000 then()s, reaches the source without growing the stack", () => {
    const source = deferred<number>();
    let tail: WinJSPromise<number> = source.promise;
    for (let i = 0; i < 100_000; i++) tail = tail.then((value) => value + 1);
    const errors: unknown[] = [];
    tail.then(null, (error: unknown) => errors.push(error));
    tail.cancel();
    expect(source.cancels).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("a link whose source does not settle on cancel errors Canceled itself, and the source may complete later", () => {
    let complete!: (value: unknown) => void;
    const stubborn = new WinJSPromise<unknown>(
      (c) => {
        complete = c;
      },
      () => complete(new WinJSPromise<never>(() => undefined)),
    );
    const log: string[] = [];
    const link = stubborn.then(() => log.push("link-complete"));
    link.then(null, (error: unknown) => log.push(`link-error:${isWinJSCanceled(error)}`));
    link.cancel();
    expect(log).toEqual(["link-error:true"]);
  });

  it("a promise made without a hook is a barrier: it errors Canceled while the work behind it goes on", () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    const inner = addLaterCancelable(queue, 1, 2, () => log.push("inner-hook")).then(() => log.push("inner-complete"));
    const barrier = new WinJSPromise((complete, error, progress) => {
      inner.then(complete, error, progress);
    });
    const outer = barrier.then(
      () => log.push("outer-complete"),
      (error: unknown) => log.push(`outer-error:${isWinJSCanceled(error)}`),
    );
    outer.cancel();
    queue.drain();
    expect(log).toEqual(["outer-error:true", "inner-complete"]);
  });

  it("a hook that settles the promise decides its outcome instead of the cancellation", () => {
    let complete!: (value: number) => void;
    const corrected = new WinJSPromise<number>(
      (c) => {
        complete = c;
      },
      () => complete(1),
    );
    corrected.cancel();
    const seen: number[] = [];
    corrected.then((value) => seen.push(value));
    expect(seen).toEqual([1]);

    let fail!: (error: unknown) => void;
    const failedInstead = new WinJSPromise<number>(
      (_c, e) => {
        fail = e;
      },
      () => fail("hook error"),
    );
    failedInstead.cancel();
    const errors: unknown[] = [];
    failedInstead.then(null, (error: unknown) => errors.push(error));
    expect(errors).toEqual(["hook error"]);
  });

  it("does nothing once the promise settled (wrap, wrapError, completed, failed)", () => {
    let completes = 0;
    const wrapped = WinJSPromise.wrap(1);
    wrapped.cancel();
    wrapped.then(() => completes++);
    expect(completes).toBe(1);
    const errors: unknown[] = [];
    const failed = WinJSPromise.wrapError(1);
    failed.cancel();
    failed.then(null, (error: unknown) => errors.push(error));
    expect(errors).toEqual([1]);
    const source = deferred<number>();
    source.complete(2);
    source.promise.cancel();
    expect(source.cancels).toBe(0);
  });

  it("a second cancel() does nothing and the hook runs once", () => {
    const source = deferred<number>();
    let errors = 0;
    source.promise.then(null, () => errors++);
    source.promise.cancel();
    source.promise.cancel();
    expect(source.cancels).toBe(1);
    expect(errors).toBe(1);
  });

  it("canceled promises can be recovered from, each handing on to another", () => {
    vi.useFakeTimers({ toFake: ["setImmediate", "clearImmediate"] });
    const log: string[] = [];
    const neverCompletes = (): WinJSPromise<void> => new WinJSPromise<void>(() => undefined);
    // eslint-disable-next-line prefer-const -- assigned after the handlers that read them are registered
    let second: WinJSPromise<unknown> | undefined;
    // eslint-disable-next-line prefer-const -- same
    let third: WinJSPromise<number> | undefined;
    const first = neverCompletes().then(
      () => log.push("unexpected"),
      (error: unknown) => (isWinJSCanceled(error) ? second : log.push("unexpected")),
    );
    first.then(() => log.push("first-complete"));
    second = neverCompletes().then(
      () => log.push("unexpected"),
      (error: unknown) => (isWinJSCanceled(error) ? third : log.push("unexpected")),
    );
    second.then(() => log.push("second-complete"));
    first.cancel();
    third = WinJSPromise.timeout()
      .then(() => (log.push("third"), 1))
      .then((value) => (log.push("third-again"), value));
    second.cancel();
    expect(log).toEqual([]);
    vi.runAllTimers();
    expect(log).toEqual(["third", "third-again", "second-complete", "first-complete"]);
  });

  it("the static cancel is a shared promise already failed with the Canceled error", () => {
    expect(WinJSPromise.cancel).toBe(WinJSPromise.cancel);
    const errors: unknown[] = [];
    WinJSPromise.as()
      .then(() => WinJSPromise.cancel)
      .then(null, (error: unknown) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("a throwing cancel hook still cancels the promise; its error is reported, not thrown from cancel()", () => {
    const reported = captureListenerErrors();
    const thrown = new Error("hook");
    const promise = new WinJSPromise<number>(
      () => undefined,
      () => {
        throw thrown;
      },
    );
    const errors: unknown[] = [];
    promise.then(null, (error: unknown) => errors.push(error));
    expect(() => promise.cancel()).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    expect(reported).toEqual([thrown]);
  });

  it("cancel() reaches a foreign thenable being waited on, if it has a cancel method", () => {
    let foreignCancels = 0;
    const foreign = {
      then(): void {
        /* never settles */
      },
      cancel(): void {
        foreignCancels++;
      },
    };
    const errors: unknown[] = [];
    const waiting = WinJSPromise.wrap(foreign);
    waiting.then(null, (error: unknown) => errors.push(error));
    waiting.cancel();
    expect(foreignCancels).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });
});
