// WinJS delivers synchronously: handlers of a settled promise run inside then(); completing a promise runs the
// handlers of its whole tree of then children, breadth-first in registration order, before complete() returns.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { settle } from "../helpers/fixtures.js";
import { addLater, deferred, failLater, WorkQueue } from "../helpers/work-queue.js";

describe("WinJSPromise delivers synchronously", () => {
  it("runs the initializer inside the constructor and a handler of a settled promise inside then()", () => {
    const log: string[] = [];
    const promise = new WinJSPromise<number>((complete) => {
      log.push("init");
      complete(5);
    });
    log.push("constructed");
    promise.then((value) => log.push(`complete:${value}`));
    log.push("after-then");
    expect(log).toEqual(["init", "constructed", "complete:5", "after-then"]);
  });

  it("runs handlers inside complete() once the source completes", () => {
    const source = deferred<number>();
    const seen: number[] = [];
    source.promise.then((value) => seen.push(value));
    expect(seen).toEqual([]);
    source.complete(3);
    expect(seen).toEqual([3]);
  });

  it("an initializer that throws fails the promise with the thrown value, synchronously", () => {
    const thrown = { reason: "bad init" };
    let completes = 0;
    const errors: unknown[] = [];
    new WinJSPromise<number>(() => {
      throw thrown;
    }).then(
      () => completes++,
      (error: unknown) => errors.push(error),
    );
    expect(completes).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(thrown);
  });

  it("only the first complete or error counts", () => {
    const queue = new WorkQueue();
    const outcomes: string[] = [];
    const record = (promise: WinJSPromise<number>): void => {
      promise.then(
        (value) => outcomes.push(`complete:${value}`),
        (error: unknown) => outcomes.push(`error:${String(error)}`),
      );
    };
    record(new WinJSPromise<number>((c) => queue.schedule(() => (c(1), c(2)))));
    record(new WinJSPromise<number>((_c, e) => queue.schedule(() => (e(1), e(2)))));
    record(new WinJSPromise<number>((c, e) => queue.schedule(() => (c(1), e(2)))));
    record(new WinJSPromise<number>((c, e) => queue.schedule(() => (e(2), c(1)))));
    queue.drain();
    expect(outcomes).toEqual(["complete:1", "error:1", "complete:1", "error:2"]);
  });

  it("notifies a tree breadth-first, in registration order (FIFO)", () => {
    const source = deferred<void>();
    const order: string[] = [];
    const first = source.promise.then(() => order.push("first"));
    first.then(() => order.push("first.a"));
    first.then(() => order.push("first.b"));
    source.promise.then(() => order.push("second"));
    first.then(() => order.push("first.c"));
    source.promise.then(() => order.push("third"));
    first.then(() => order.push("first.d"));
    source.complete();
    expect(order).toEqual(["first", "second", "third", "first.a", "first.b", "first.c", "first.d"]);
  });

  it("chains values through handlers that return promises", () => {
    const queue = new WorkQueue();
    const seen: number[] = [];
    WinJSPromise.as(1)
      .then((value) => addLater(queue, value, 1))
      .then((value) => (seen.push(value), addLater(queue, value, 2)))
      .then((value) => (seen.push(value), addLater(queue, value, 3)))
      .then((value) => seen.push(value));
    expect(seen).toEqual([]);
    queue.step();
    expect(seen).toEqual([2]);
    queue.drain();
    expect(seen).toEqual([2, 4, 7]);
  });

  it("passes a value through then()s without a complete handler and an error through those without an error handler", () => {
    const queue = new WorkQueue();
    const seen: unknown[] = [];
    addLater(queue, 1, 1)
      .then(null, () => "unused")
      .then(undefined)
      .then((value) => seen.push(value));
    failLater(queue, "refused")
      .then((value) => value * 2)
      .then((value) => value + 1)
      .then(null, (error: unknown) => seen.push(error));
    queue.drain();
    expect(seen).toEqual([2, "refused"]);
  });

  it("a throw in a complete handler fails the next promise, not the error handler of the same then()", () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    addLater(queue, 1, 2)
      .then(
        () => {
          log.push("complete");
          throw new Error("from complete");
        },
        () => log.push("same-then-error"),
      )
      .then(
        () => log.push("next-complete"),
        (error: Error) => log.push(`next-error:${error.message}`),
      );
    queue.drain();
    expect(log).toEqual(["complete", "next-error:from complete"]);
  });

  it("an error handler that returns a value recovers; one that throws passes the new error on", () => {
    const queue = new WorkQueue();
    const log: unknown[] = [];
    failLater(queue)
      .then(null, () => 10)
      .then((value) => log.push(value));
    failLater(queue)
      .then(null, () => {
        throw 1;
      })
      .then(null, (error: unknown) => log.push(`rethrown:${String(error)}`));
    queue.drain();
    expect(log).toEqual([10, "rethrown:1"]);
  });

  it("an error reaches every fork", () => {
    const queue = new WorkQueue();
    const failed = WinJSPromise.as(1).then(() => failLater(queue));
    let errors = 0;
    failed.then(null, () => errors++);
    failed.then(null, () => errors++);
    queue.drain();
    expect(errors).toBe(2);
  });

  it("a handler may return the promise it was registered on (a cycle through a settled promise)", () => {
    const queue = new WorkQueue();
    const source = addLater(queue, 1, 2);
    const seen: number[] = [];
    source
      .then((value) => (seen.push(value), source))
      .then((value) => (seen.push(value), source))
      .then((value) => seen.push(value));
    queue.drain();
    expect(seen).toEqual([3, 3, 3]);
  });

  it("two chains that wait on each other make no progress and never settle", () => {
    const queue = new WorkQueue();
    const source = addLater(queue, 1, 2);
    let handlers = 0;
    let settled = 0;
    // eslint-disable-next-line prefer-const -- `b` is read by a handler before it is assigned
    let b: WinJSPromise<unknown> | undefined;
    const a = source.then(() => (handlers++, b)).then(() => settled++);
    b = source.then(() => (handlers++, a)).then(() => settled++);
    queue.drain();
    expect(handlers).toBe(2);
    expect(settled).toBe(0);
  });

  it("a handler may return the then() promise that is notifying it; the result arrives once that pass is done", () => {
    // WinJS registered the follower on the notifying promise and, with no enclosing pass to reach it, never
    // delivered: `follower` stayed pending forever.
    const source = deferred<number>();
    const following = WinJSPromise.wrap(0).then(() => source.promise);
    const seen: unknown[] = [];
    const follower = following.then(() => following);
    follower.then((value) => seen.push(value));
    source.complete(5);
    expect(seen).toEqual([5]);
  });

  it("then() on a completed promise whose handler keeps the value returns that same promise (WinJS's optimization)", () => {
    const completed = WinJSPromise.wrap(1);
    expect(completed.then()).toBe(completed);
    expect(completed.then((value) => value)).toBe(completed);
    expect(completed.then(() => 2)).not.toBe(completed);
    const failed = WinJSPromise.wrapError(new Error("x"));
    expect(failed.then(() => 1)).toBe(failed);
    expect(failed.then(null, () => 1)).not.toBe(failed);
  });

  it("a handler of a settled promise that throws gives a failed promise, synchronously", () => {
    const thrown = new Error("handler");
    const errors: unknown[] = [];
    WinJSPromise.wrap(1)
      .then(() => {
        throw thrown;
      })
      .then(null, (error: unknown) => errors.push(error));
    expect(errors).toEqual([thrown]);
  });

  it("an error handler that rethrows the very error keeps the failed promise (no new one)", () => {
    const error = new Error("same");
    const failed = WinJSPromise.wrapError(error);
    expect(
      failed.then(null, (e: unknown) => {
        throw e;
      }),
    ).toBe(failed);
  });

  it("follows any thenable a handler returns, and a native promise's outcome arrives when it settles", async () => {
    const seen: unknown[] = [];
    const done = WinJSPromise.as(1).then((value) => Promise.resolve(value + 1));
    done.then((value) => seen.push(value));
    expect(seen).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([2]);
    const rejected = new Error("native");
    const errors: unknown[] = [];
    WinJSPromise.wrap(Promise.reject(rejected)).then(null, (error: unknown) => errors.push(error));
    await settle();
    expect(errors).toEqual([rejected]);
  });

  it("a thenable whose then() throws fails the promise following it with that value", () => {
    const thrown = new Error("then threw");
    const hostile = {
      then(): never {
        throw thrown;
      },
    };
    const errors: unknown[] = [];
    WinJSPromise.as(1)
      .then(() => hostile)
      .then(null, (error: unknown) => errors.push(error));
    expect(errors).toEqual([thrown]);
  });

  it("a chain of 3,000 promises completed one by one, each made by the previous handler, completes", () => {
    const queue = new WorkQueue();
    let made = 0;
    const next = (): WinJSPromise<unknown> | undefined => {
      if (made === 3000) return undefined;
      made++;
      return new WinJSPromise<void>((complete) => {
        queue.schedule(() => complete());
      }).then(next);
    };
    let finished = false;
    next()!.then(() => (finished = true));
    queue.drain();
    expect(made).toBe(3000);
    expect(finished).toBe(true);
  });

  it("notifies a chain of 100,000 pending then()s without growing the stack", () => {
    const source = deferred<number>();
    let tail: WinJSPromise<number> = source.promise;
    for (let i = 0; i < 100_000; i++) tail = tail.then((value) => value + 1);
    let result = 0;
    tail.then((value) => (result = value));
    source.complete(0);
    expect(result).toBe(100_000);
  });

  it("cleanup and always helpers built on then() (what WinJS apps patched onto the prototype) behave as in WinJS", () => {
    const queue = new WorkQueue();
    const cleanup = <T>(promise: WinJSPromise<T>, action: () => void): WinJSPromise<T> =>
      promise.then(
        (value) => (action(), value),
        (error: unknown) => {
          action();
          throw error;
        },
      );
    const always = <T, U>(promise: WinJSPromise<T>, action: () => U): WinJSPromise<U> => promise.then(action, action);
    const log: unknown[] = [];
    cleanup(
      cleanup(addLater(queue, 1, 2), () => log.push("first-cleanup")).then((value) => {
        log.push(value);
        throw "MyError";
      }),
      () => log.push("second-cleanup"),
    ).then(null, (error: unknown) => log.push(error));
    always(addLater(queue, 1, 2), () => 5).then((value) => log.push(value));
    queue.drain();
    expect(log).toEqual(["first-cleanup", 3, "second-cleanup", "MyError", 5]);
  });

  it("await works on a WinJSPromise (it is a PromiseLike)", async () => {
    await expect(WinJSPromise.wrap(4)).resolves.toBe(4);
    const error = new Error("awaited");
    await expect(WinJSPromise.wrapError(error)).rejects.toBe(error);
  });

  it("misuse throws TypeError synchronously", () => {
    expect(() => new WinJSPromise(undefined as never)).toThrow(TypeError);
    expect(() => new WinJSPromise(() => undefined, 5 as never)).toThrow(TypeError);
    const promise = WinJSPromise.wrap(1);
    expect(() => promise.then(5 as never)).toThrow(TypeError);
    expect(() => promise.then(null, "x" as never)).toThrow(TypeError);
    expect(() => promise.then(null, null, {} as never)).toThrow(TypeError);
    expect(() => promise.done(5 as never)).toThrow(TypeError);
  });
});
