// A WinJSPromise that follows a foreign thenable reads its `then` once (DESIGN 4.7 #3, Promises/A+ 2.3.3.1) and
// follows it through the function it read: through complete(), a handler's return value, and as()/wrap(). A getter
// that would answer differently on a second read is never asked again.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { deferred } from "../helpers/work-queue.js";

/** A thenable whose `then` getter counts reads: the first answers a `then` that completes with `value`, later ones throw. */
function onceThenable(value: unknown): { thenable: object; reads: () => number } {
  let reads = 0;
  const thenable = {
    get then() {
      reads++;
      if (reads > 1) throw new Error("then read a second time");
      return (onComplete: (value: unknown) => void) => onComplete(value);
    },
  };
  return { thenable, reads: () => reads };
}

function outcomeOf(promise: WinJSPromise<unknown>): { ok: boolean; value: unknown } | "pending" {
  let outcome: { ok: boolean; value: unknown } | "pending" = "pending";
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, value: error }),
  );
  return outcome;
}

describe("WinJSPromise reads a thenable's then once", () => {
  it("through complete()", () => {
    captureListenerErrors();
    const { thenable, reads } = onceThenable(5);
    const source = deferred<number>();
    source.complete(thenable as unknown as number);
    expect(outcomeOf(source.promise)).toEqual({ ok: true, value: 5 });
    expect(reads()).toBe(1);
  });

  it("through a handler's return value, on a pending and on a settled promise", () => {
    captureListenerErrors();
    const first = onceThenable(6);
    const source = deferred<number>();
    const child = source.promise.then(() => first.thenable);
    source.complete(1);
    expect(outcomeOf(child)).toEqual({ ok: true, value: 6 });
    expect(first.reads()).toBe(1);
    const second = onceThenable(7);
    expect(outcomeOf(WinJSPromise.wrap(1).then(() => second.thenable))).toEqual({ ok: true, value: 7 });
    expect(second.reads()).toBe(1);
  });

  it("through as() and wrap()", () => {
    captureListenerErrors();
    const first = onceThenable(8);
    expect(outcomeOf(WinJSPromise.as(first.thenable))).toEqual({ ok: true, value: 8 });
    expect(first.reads()).toBe(1);
    const second = onceThenable(9);
    expect(outcomeOf(WinJSPromise.wrap(second.thenable))).toEqual({ ok: true, value: 9 });
    expect(second.reads()).toBe(1);
  });
});
