// WinJSPromise.any: the first input to complete or fail decides, with { key, value: theInput }; cancellations are
// ignored unless every input is canceled; the other inputs are not canceled; canceling it cancels every input.
import { describe, expect, it } from "vitest";
import { WinJSPromise, type WinJSAnyResult } from "../../src/winjs/index.js";
import { addLater, addLaterCancelable, deferred, failLater, isWinJSCanceled, WorkQueue } from "../helpers/work-queue.js";

describe("WinJSPromise.any", () => {
  it("completes with the key and the input that completed first", () => {
    const queue = new WorkQueue();
    const input = [addLater(queue, 1, 2), addLater(queue, 3, 4)];
    const seen: Array<WinJSAnyResult<typeof input>> = [];
    WinJSPromise.any(input).then((item) => seen.push(item));
    queue.steps(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.key).toBe("0");
    expect(seen[0]!.value).toBe(input[0]);
    queue.drain();
    expect(seen).toHaveLength(1);
  });

  it("names a record's key", () => {
    const queue = new WorkQueue();
    const input = { first: addLater(queue, 1, 2), second: addLater(queue, 3, 4) };
    let item: WinJSAnyResult<typeof input> | undefined;
    WinJSPromise.any(input).then((winner) => (item = winner));
    queue.steps(1);
    expect(item?.key).toBe("first");
    expect(item?.value).toBe(input.first);
  });

  it("a plain value decides at once, and the first plain value wins among plain values", () => {
    const queue = new WorkQueue();
    const mixed = [addLater(queue, 1, 2), addLater(queue, 3, 4), 5];
    let first: unknown;
    WinJSPromise.any(mixed).then((item) => (first = item.value));
    expect(first).toBe(5);
    queue.drain();
    expect(first).toBe(5);
    let plain: unknown;
    WinJSPromise.any([3, 7, 5]).then((item) => (plain = item));
    expect(plain).toEqual({ key: "0", value: 3 });
  });

  it("fails with { key, value: theInput } when the first input to settle failed; losers are not canceled", () => {
    const queue = new WorkQueue();
    let loserHooks = 0;
    const failing = failLater(queue);
    const loser = addLaterCancelable(queue, 3, 4, () => loserHooks++);
    const input = [loser, failing];
    const log: unknown[] = [];
    WinJSPromise.any(input)
      .then(
        () => log.push("complete"),
        (item: WinJSAnyResult<typeof input>) => {
          log.push(item.key);
          expect(item.value).toBe(failing);
          return WinJSPromise.any(input.filter((candidate) => candidate !== item.value));
        },
      )
      .then((item) => log.push((item as WinJSAnyResult<typeof input>).value === loser));
    queue.steps(1);
    queue.steps(1);
    expect(log).toEqual(["1", true]);
    expect(loserHooks).toBe(0);
  });

  it("ignores canceled inputs while another can still decide", () => {
    const inputs = [deferred<void>(), deferred<void>(), deferred<void>()];
    const log: string[] = [];
    WinJSPromise.any(inputs.map((d) => d.promise)).then(
      (item) => log.push(`complete:${item.key}`),
      () => log.push("error"),
    );
    inputs[0]!.promise.cancel();
    inputs[1]!.promise.cancel();
    expect(log).toEqual([]);
    inputs[2]!.complete();
    expect(log).toEqual(["complete:2"]);
  });

  it("is canceled when every input is canceled", () => {
    const inputs = [deferred<void>(), deferred<void>(), deferred<void>()];
    const errors: unknown[] = [];
    WinJSPromise.any(inputs.map((d) => d.promise)).then(null, (error: unknown) => errors.push(error));
    inputs[0]!.promise.cancel();
    inputs[1]!.promise.cancel();
    expect(errors).toEqual([]);
    inputs[2]!.promise.cancel();
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("canceling it cancels every input; a later any of the same canceled inputs is canceled at once", () => {
    const queue = new WorkQueue();
    let hooks = 0;
    const inputs = [addLaterCancelable(queue, 1, 2, () => hooks++), addLaterCancelable(queue, 1, 2, () => hooks++)];
    const errors: unknown[] = [];
    const first = WinJSPromise.any(inputs).then(null, (error: unknown) => errors.push(error));
    first.cancel();
    expect(hooks).toBe(2);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    WinJSPromise.any(inputs).then(null, (error: unknown) => errors.push(error));
    expect(errors).toHaveLength(2);
    expect(isWinJSCanceled(errors[1])).toBe(true);
    queue.drain();
    expect(hooks).toBe(2);
  });

  it("any([]) completes with undefined", () => {
    const seen: unknown[] = [];
    WinJSPromise.any([]).then((item) => seen.push(item));
    expect(seen).toEqual([undefined]);
  });

  it("throws TypeError for something that is not an array or an object", () => {
    expect(() => WinJSPromise.any("ab" as never)).toThrow(TypeError);
  });
});
