// WinJS progress: delivered synchronously to then()/done() progress handlers while the promise is pending, passed on
// only through then()s that have neither a complete nor an error handler, not buffered, dropped after settling.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { addLaterWithProgress, failLater, WorkQueue } from "../helpers/work-queue.js";

function scripted(queue: WorkQueue, steps: Array<["p" | "c" | "e", number]>): WinJSPromise<number, number> {
  return new WinJSPromise<number, number>((complete, error, progress) => {
    queue.schedule(() => {
      for (const [what, value] of steps) {
        if (what === "p") progress(value);
        else if (what === "c") complete(value);
        else error(value);
      }
    });
  });
}

interface Counts {
  complete: number;
  error: number;
  progress: unknown[];
}

function watch(promise: WinJSPromise<unknown, unknown>): Counts {
  const counts: Counts = { complete: 0, error: 0, progress: [] };
  promise.then(
    () => counts.complete++,
    () => counts.error++,
    (value) => counts.progress.push(value),
  );
  return counts;
}

describe("WinJSPromise progress", () => {
  it("reaches the progress handler before completion and stops once the promise settled", () => {
    const queue = new WorkQueue();
    const beforeComplete = watch(scripted(queue, [["p", 0], ["p", 1], ["c", 2]]));
    const afterComplete = watch(scripted(queue, [["p", 0], ["c", 2], ["p", 1]]));
    const beforeError = watch(scripted(queue, [["p", 0], ["p", 1], ["e", 2]]));
    const afterError = watch(scripted(queue, [["p", 0], ["e", 2], ["p", 1]]));
    queue.drain();
    expect(beforeComplete).toEqual({ complete: 1, error: 0, progress: [0, 1] });
    expect(afterComplete).toEqual({ complete: 1, error: 0, progress: [0] });
    expect(beforeError).toEqual({ complete: 0, error: 1, progress: [0, 1] });
    expect(afterError).toEqual({ complete: 0, error: 1, progress: [0] });
  });

  it("is delivered synchronously, inside progress()", () => {
    let report!: (value: number) => void;
    const promise = new WinJSPromise<void, number>((_c, _e, progress) => {
      report = progress;
    });
    const seen: number[] = [];
    promise.then(null, null, (value) => seen.push(value));
    report(7);
    expect(seen).toEqual([7]);
  });

  it("passes through then()s that have neither handler, and stops at the first that has one", () => {
    const queue = new WorkQueue();
    const seen: string[] = [];
    scripted(queue, [["p", 1]])
      .then(null, null, () => seen.push("1"))
      .then(null, null, () => seen.push("2"))
      .then(
        () => undefined,
        null,
        () => seen.push("3"),
      )
      .then(null, null, () => seen.push("4: never, the previous then() has a complete handler"));
    queue.drain();
    expect(seen).toEqual(["1", "2", "3"]);
  });

  it("reaches handlers depth-first: a child's handlers before the next registration's", () => {
    let report!: (value: number) => void;
    const source = new WinJSPromise<void, number>((_c, _e, p) => {
      report = p;
    });
    const order: string[] = [];
    const first = source.then(null, null, () => order.push("first"));
    first.then(null, null, () => order.push("first.child"));
    source.then(null, null, () => order.push("second"));
    report(1);
    expect(order).toEqual(["first", "first.child", "second"]);
  });

  it("passes through 100,000 handler-less then()s without growing the stack", () => {
    let report!: (value: number) => void;
    const source = new WinJSPromise<void, number>((_c, _e, p) => {
      report = p;
    });
    let tail: WinJSPromise<void, number> = source;
    for (let i = 0; i < 100_000; i++) tail = tail.then();
    const seen: number[] = [];
    tail.then(null, null, (value) => seen.push(value));
    report(3);
    expect(seen).toEqual([3]);
  });

  it("a progress handler registered after a then() with a complete or error handler sees nothing", () => {
    const queue = new WorkQueue();
    const counts = { complete: 0, error: 0, progress: 0 };
    addLaterWithProgress(queue, 1, 2)
      .then(() => counts.complete++)
      .then(null, (e: unknown) => {
        counts.error++;
        throw e;
      })
      .then(null, null, () => counts.progress++);
    const viaError = { complete: 0, progress: 0 };
    addLaterWithProgress(queue, 1, 2)
      .then(null, (e: unknown) => {
        throw e;
      })
      .then(null, null, () => viaError.progress++)
      .then(() => viaError.complete++);
    queue.drain();
    expect(counts).toEqual({ complete: 1, error: 0, progress: 0 });
    expect(viaError).toEqual({ complete: 1, progress: 0 });
  });

  it("a progress handler registered first sees every value, and the chain still completes", () => {
    const queue = new WorkQueue();
    const seen: string[] = [];
    let completes = 0;
    let errors = 0;
    addLaterWithProgress(queue, 1, 2)
      .then(null, null, (value) => seen.push(value))
      .then(null, (e: unknown) => {
        errors++;
        throw e;
      })
      .then(() => completes++);
    queue.drain();
    expect(seen).toEqual(["almost", "really"]);
    expect(completes).toBe(1);
    expect(errors).toBe(0);
  });

  it("a failing source reports no progress to handlers anywhere in the chain", () => {
    const queue = new WorkQueue();
    const counts = { complete: 0, error: 0, progress: 0 };
    failLater(queue)
      .then(null, null, () => counts.progress++)
      .then(() => counts.complete++)
      .then(null, (e: unknown) => {
        counts.error++;
        throw e;
      })
      .then(null, () => undefined);
    queue.drain();
    expect(counts).toEqual({ complete: 0, error: 1, progress: 0 });
  });

  it("is not buffered: a handler registered late sees only later values", () => {
    const queue = new WorkQueue();
    const promise = new WinJSPromise<number, number>((complete, _error, progress) => {
      queue.schedule(() => progress(1));
      queue.schedule(() => progress(2));
      queue.schedule(() => complete(3));
    });
    queue.steps(1);
    const counts = watch(promise);
    expect(counts).toEqual({ complete: 0, error: 0, progress: [] });
    queue.steps(1);
    expect(counts).toEqual({ complete: 0, error: 0, progress: [2] });
    queue.steps(1);
    expect(counts).toEqual({ complete: 1, error: 0, progress: [2] });
  });

  it("flows from a promise a handler returned into the then() waiting on it", () => {
    const queue = new WorkQueue();
    const seen: unknown[] = [];
    let completes = 0;
    WinJSPromise.as(1)
      .then((value) => addLaterWithProgress(queue, value, 1))
      .then(
        () => completes++,
        null,
        (value) => seen.push(value),
      );
    queue.drain();
    expect(seen).toEqual(["almost", "really"]);
    expect(completes).toBe(1);
  });

  it("reaches done()'s progress handler", () => {
    let report!: (value: number) => void;
    let complete!: (value: number) => void;
    const promise = new WinJSPromise<number, number>((c, _e, p) => {
      complete = c;
      report = p;
    });
    const seen: number[] = [];
    let result = 0;
    promise.done(
      (value) => (result = value),
      null,
      (value) => seen.push(value),
    );
    for (let i = 0; i < 50; i++) report(i);
    complete(1);
    expect(seen).toHaveLength(50);
    expect(seen[49]).toBe(49);
    expect(result).toBe(1);
  });

  it("a throwing progress handler changes nothing in the chain; its error is reported, not swallowed", () => {
    const reported = captureListenerErrors();
    const queue = new WorkQueue();
    const thrown = new Error("progress handler");
    const counts = { complete: 0, error: 0, progress: 0, other: 0 };
    const source = addLaterWithProgress(queue, 1, 2);
    source.then(
      () => counts.complete++,
      () => counts.error++,
      () => {
        counts.progress++;
        throw thrown;
      },
    );
    source.then(null, null, () => counts.other++);
    queue.drain();
    expect(counts).toEqual({ complete: 1, error: 0, progress: 2, other: 2 });
    expect(reported).toEqual([thrown, thrown]);
  });
});
