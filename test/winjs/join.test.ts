// WinJSPromise.join: waits for all inputs (array or record), results keyed like the input, errors as a sparse
// array/object keyed like the input, all-canceled means canceled, { Key, Done } progress, cancel reaches every input.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import {
  addLater,
  addLaterWithProgress,
  deferred,
  failLater,
  isWinJSCanceled,
  WorkQueue,
} from "../helpers/work-queue.js";

describe("WinJSPromise.join", () => {
  it("completes with a record keyed like the input, once every input completed", () => {
    const queue = new WorkQueue();
    let result: { first: number; second: number } | undefined;
    WinJSPromise.join({ first: addLater(queue, 1, 2), second: addLater(queue, 3, 4) }).then((values) => {
      result = values;
    });
    expect(result).toBeUndefined();
    queue.drain();
    expect(result).toEqual({ first: 3, second: 7 });
  });

  it("completes with an array for an array", () => {
    const queue = new WorkQueue();
    let result: unknown;
    WinJSPromise.join([addLater(queue, 1, 2), addLater(queue, 3, 4)]).then((values) => {
      result = values;
    });
    queue.drain();
    expect(result).toEqual([3, 7]);
    expect(Array.isArray(result)).toBe(true);
  });

  it("takes plain values as they are, and completes synchronously when every input is plain", () => {
    const queue = new WorkQueue();
    let mixed: unknown;
    WinJSPromise.join({ first: addLater(queue, 1, 2), second: addLater(queue, 3, 4), third: 24 }).then((values) => {
      mixed = values;
    });
    queue.drain();
    expect(mixed).toEqual({ first: 3, second: 7, third: 24 });
    let plain: unknown;
    WinJSPromise.join({ first: 3, second: 7, third: 24 }).then((values) => {
      plain = values;
    });
    expect(plain).toEqual({ first: 3, second: 7, third: 24 });
  });

  it("skips undefined entries", () => {
    let result: unknown;
    WinJSPromise.join({ a: 1, b: undefined, c: WinJSPromise.wrap(3) }).then((values) => {
      result = values;
    });
    expect(result).toEqual({ a: 1, c: 3 });
    expect(Object.keys(result as object)).toEqual(["a", "c"]);
  });

  it("join([]) completes with [] and join({}) with {}", () => {
    const results: unknown[] = [];
    WinJSPromise.join([]).then((values) => results.push(values));
    WinJSPromise.join({}).then((values) => results.push(values));
    expect(results).toEqual([[], {}]);
  });

  it("fails, after every input settled, with only the errors, keyed like the input", () => {
    const queue = new WorkQueue();
    const slow = deferred<number>();
    const seen: unknown[] = [];
    WinJSPromise.join({ first: addLater(queue, 1, 2), second: failLater(queue, "refused"), third: slow.promise }).then(
      () => seen.push("complete"),
      (errors: unknown) => seen.push(errors),
    );
    queue.drain();
    expect(seen).toEqual([]);
    slow.complete(1);
    expect(seen).toEqual([{ second: "refused" }]);
  });

  it("fails with a sparse array for an array", () => {
    const failure = new Error("second");
    let errors: unknown;
    WinJSPromise.join([WinJSPromise.wrap(1), WinJSPromise.wrapError(failure), WinJSPromise.wrap(3)]).then(null, (e: unknown) => {
      errors = e;
    });
    expect(Array.isArray(errors)).toBe(true);
    const list = errors as unknown[];
    expect(list).toHaveLength(2);
    expect(0 in list).toBe(false);
    expect(list[1]).toBe(failure);
  });

  it("is canceled when every input that failed was canceled, whether the rest completed or not", () => {
    const allCanceled = [deferred<void>(), deferred<void>(), deferred<void>()];
    const errors: unknown[] = [];
    WinJSPromise.join(allCanceled.map((d) => d.promise)).then(null, (error: unknown) => errors.push(error));
    allCanceled[0]!.promise.cancel();
    allCanceled[1]!.promise.cancel();
    expect(errors).toEqual([]);
    allCanceled[2]!.promise.cancel();
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);

    const someCompleted = [deferred<void>(), deferred<void>(), deferred<void>()];
    const errors2: unknown[] = [];
    WinJSPromise.join(someCompleted.map((d) => d.promise)).then(null, (error: unknown) => errors2.push(error));
    someCompleted[0]!.promise.cancel();
    someCompleted[1]!.promise.cancel();
    someCompleted[2]!.complete();
    expect(errors2).toHaveLength(1);
    expect(isWinJSCanceled(errors2[0])).toBe(true);
  });

  it("fails with the errors when some inputs were canceled and another failed", () => {
    const inputs = [deferred<void>(), deferred<void>(), deferred<void>()];
    const errors: unknown[] = [];
    WinJSPromise.join(inputs.map((d) => d.promise)).then(null, (error: unknown) => errors.push(error));
    inputs[0]!.promise.cancel();
    inputs[1]!.promise.cancel();
    inputs[2]!.fail(undefined);
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toBeInstanceOf(Error);
    const list = errors[0] as unknown[];
    expect(isWinJSCanceled(list[0])).toBe(true);
    expect(isWinJSCanceled(list[1])).toBe(true);
    expect(2 in list).toBe(true);
  });

  it("reports { Key, Done } progress as each input settles, except the last, and not its inputs' own progress", () => {
    const queue = new WorkQueue();
    const input = {
      first: addLaterWithProgress(queue, 1, 2),
      second: addLaterWithProgress(queue, 3, 4),
      third: addLaterWithProgress(queue, 6, 7),
    };
    const progress: unknown[] = [];
    let sum = 0;
    WinJSPromise.join(input).then(
      (values) => (sum = values.first + values.second + values.third),
      null,
      (value) => progress.push(value),
    );
    queue.drain();
    expect(progress).toEqual([
      { Key: "first", Done: true },
      { Key: "second", Done: true },
    ]);
    expect(sum).toBe(23);
  });

  it("canceling it cancels every input", () => {
    const inputs = [deferred<number>(), deferred<number>()];
    const errors: unknown[] = [];
    const joined = WinJSPromise.join(inputs.map((d) => d.promise));
    joined.then(null, (error: unknown) => errors.push(error));
    joined.cancel();
    expect(inputs.map((d) => d.cancels)).toEqual([1, 1]);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("throws TypeError for something that is not an array or an object", () => {
    expect(() => WinJSPromise.join(5 as never)).toThrow(TypeError);
    expect(() => WinJSPromise.join(null as never)).toThrow(TypeError);
  });
});
