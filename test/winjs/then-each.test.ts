// WinJSPromise.thenEach: the same handlers on every input, then join: results (or failures) keyed like the input.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { addLater, failLater, WorkQueue } from "../helpers/work-queue.js";

describe("WinJSPromise.thenEach", () => {
  it("maps every input through the handlers and joins the results, keyed like the input", () => {
    const queue = new WorkQueue();
    const types: string[] = [];
    let result: unknown;
    WinJSPromise.thenEach([addLater(queue, 1, 2), addLater(queue, 3, 4), addLater(queue, 5, 6)], (value) => {
      types.push(typeof value);
      return value * 10;
    }).then((values) => (result = values));
    queue.drain();
    expect(types).toEqual(["number", "number", "number"]);
    expect(result).toEqual([30, 70, 110]);
    let record: unknown;
    WinJSPromise.thenEach({ a: 1, b: WinJSPromise.wrap(2) }, (value) => String(value)).then((values) => (record = values));
    expect(record).toEqual({ a: "1", b: "2" });
  });

  it("an error handler recovers each failed input; without one, the join fails with the errors keyed like the input", () => {
    const queue = new WorkQueue();
    let recovered: unknown;
    WinJSPromise.thenEach([addLater(queue, 1, 1), failLater(queue, "x")], null, () => -1).then(
      (values) => (recovered = values),
    );
    let failed: unknown;
    WinJSPromise.thenEach({ ok: addLater(queue, 1, 1), bad: failLater(queue, "y") }, (value) => value).then(null, (errors: unknown) => {
      failed = errors;
    });
    queue.drain();
    expect(recovered).toEqual([2, -1]);
    expect(failed).toEqual({ bad: "y" });
  });

  it("passes each input's progress to the progress handler", () => {
    let report!: (value: number) => void;
    const source = new WinJSPromise<number, number>((_c, _e, p) => {
      report = p;
    });
    const seen: unknown[] = [];
    WinJSPromise.thenEach([source], null, null, (value) => seen.push(value));
    report(4);
    expect(seen).toEqual([4]);
  });

  it("throws TypeError for a collection that is not an object or a handler that is not a function", () => {
    expect(() => WinJSPromise.thenEach(1 as never)).toThrow(TypeError);
    expect(() => WinJSPromise.thenEach([], 3 as never)).toThrow(TypeError);
  });
});
