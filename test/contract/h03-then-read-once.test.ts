// Issue 15 item 4 (DESIGN 4.7 #3, Promises/A+ 2.3.3.1): a thenable's `then` is read once by every consumer: a
// coroutine's `yield`, `whenAll`, `whenAny`, `withTimeout`, `toPromise` (a wrapper) and the producers that adopt a
// result (`fromResult`, a coroutine's `return`). A `then` getter that throws on that one read fails the consumer
// with what it threw; one that throws only on a later read is never read again.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, toPromise, wait, whenAll, whenAny, withTimeout } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { settle } from "../helpers/fixtures.js";

interface Counted {
  readonly thenable: object;
  readonly reads: () => number;
}

/** A thenable whose `then` getter counts its reads; `failOn` says which read throws (1-based), if any. */
function counted(value: number, failOn: number | undefined, failure: unknown, extra: object = {}): Counted {
  let reads = 0;
  const thenable = Object.defineProperty({ ...extra }, "then", {
    get() {
      reads++;
      if (reads === failOn) throw failure;
      return (resolve: (value: unknown) => void) => resolve(value);
    },
  });
  return { thenable, reads: () => reads };
}

const consumers: Array<[string, (thenable: object) => AnyOp]> = [
  [
    "a coroutine's yield",
    (thenable) =>
      AsyncOperation.run(function* () {
        return yield* wait(thenable as PromiseLike<number>);
      }) as unknown as AnyOp,
  ],
  ["whenAll", (thenable) => whenAll([thenable as PromiseLike<number>]) as unknown as AnyOp],
  [
    "whenAll among other inputs",
    (thenable) => whenAll([AsyncOperation.fromResult(1), thenable as PromiseLike<number>]) as unknown as AnyOp,
  ],
  ["whenAny", (thenable) => whenAny([thenable as PromiseLike<number>]) as unknown as AnyOp],
  ["withTimeout", (thenable) => withTimeout(thenable as PromiseLike<number>, 60_000) as unknown as AnyOp],
  ["fromResult", (thenable) => AsyncOperation.fromResult(thenable as unknown as number) as unknown as AnyOp],
  [
    "a coroutine's return",
    (thenable) =>
      AsyncOperation.run(function* () {
        yield Promise.resolve();
        return thenable as unknown as number;
      }) as unknown as AnyOp,
  ],
];

describe.each(consumers)("%s", (_name, consume) => {
  it("reads then once and follows it", async () => {
    const { thenable, reads } = counted(4, undefined, undefined);
    const op = consume(thenable);
    await settle();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(reads()).toBe(1);
  });

  it("fails with what a then getter throws on that one read", async () => {
    const failure = new Error("then getter");
    const { thenable, reads } = counted(4, 1, failure);
    const op = consume(thenable);
    await settle();
    expect(op.status).toBe(AsyncStatus.error);
    expect(caught(() => op.getResults())).toBe(failure);
    expect(reads()).toBe(1);
  });

  it("never reads then a second time (a getter that would throw then is not reached)", async () => {
    const { thenable, reads } = counted(4, 2, new Error("second read"));
    const op = consume(thenable);
    await settle();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(reads()).toBe(1);
  });
});

describe("toPromise of a wrapper (a thenable with cancel())", () => {
  const cancel = { cancel: () => undefined };

  it("reads then once and follows it", async () => {
    const { thenable, reads } = counted(4, undefined, undefined, cancel);
    expect(await toPromise(thenable as never)).toBe(4);
    expect(reads()).toBe(1);
  });

  it("fails with nothing read twice when the second read would throw", async () => {
    const { thenable, reads } = counted(4, 2, new Error("second read"), cancel);
    expect(await toPromise(thenable as never)).toBe(4);
    expect(reads()).toBe(1);
  });
});

describe.each(kinds)("a coroutine of kind $name", (kind) => {
  it("yielding a thenable reads then once", async () => {
    const { thenable, reads } = counted(4, 2, new Error("second read"));
    let seen: unknown;
    const op = kind.run(function* () {
      seen = yield thenable;
    } as never);
    await settle();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(seen).toBe(4);
    expect(reads()).toBe(1);
  });

  it("yielding a thenable whose then getter throws gets that error thrown at the yield", async () => {
    const failure = new Error("then getter");
    const { thenable } = counted(4, 1, failure);
    let seen: unknown;
    kind.run(function* () {
      try {
        yield thenable;
      } catch (error) {
        seen = error;
      }
    } as never);
    await settle();
    expect(seen).toBe(failure);
  });
});
