// Issue 15 (DESIGN 4.7 #1-#4) as laws over random values and consumers: a value is a number, a native promise
// (fulfilled or rejected), one of our operations (completed, in error, canceled), a foreign thenable (nested a few
// levels, calling back at once or later, rejecting) or a hostile value (a revoked Proxy, a Proxy whose traps throw);
// a consumer adopts it as a result (`fromResult`, a coroutine's `return`) or awaits it (a coroutine's `yield`,
// `whenAll`). Whatever the pair:
// - the operation ends (nothing hangs) with the outcome `Promise.resolve` would give the value (a thenable is
//   never a result; a hostile value fails with what reading its `then` throws);
// - `getResults()` and `await` agree (the same value, or the same error);
// - every `then` getter was read at most once per consumer; nothing is thrown uncaught and no rejection goes
//   unhandled.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { AsyncOperation, AsyncStatus, CanceledError, wait, whenAll } from "../../src/index.js";
import { captureUnobserved, settle, watchUnhandledRejections } from "../helpers/fixtures.js";

class TrapError extends Error {}

type Spec =
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "promise"; readonly value: number; readonly reject: boolean }
  | { readonly type: "ours"; readonly value: number; readonly end: "completed" | "error" | "canceled" }
  | { readonly type: "thenable"; readonly value: number; readonly depth: number; readonly later: boolean; readonly reject: boolean }
  | { readonly type: "revoked" }
  | { readonly type: "traps" };

const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ type: fc.constant("number" as const), value: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ type: fc.constant("promise" as const), value: fc.integer({ min: 0, max: 99 }), reject: fc.boolean() }),
  fc.record({
    type: fc.constant("ours" as const),
    value: fc.integer({ min: 0, max: 99 }),
    end: fc.constantFrom("completed" as const, "error" as const, "canceled" as const),
  }),
  fc.record({
    type: fc.constant("thenable" as const),
    value: fc.integer({ min: 0, max: 99 }),
    depth: fc.integer({ min: 1, max: 3 }),
    later: fc.boolean(),
    reject: fc.boolean(),
  }),
  fc.constant({ type: "revoked" as const }),
  fc.constant({ type: "traps" as const }),
);

type Consumer = "fromResult" | "return" | "yield" | "whenAll";
const consumer: fc.Arbitrary<Consumer> = fc.constantFrom("fromResult", "return", "yield", "whenAll");

/** What a value made from a spec ends as, for a consumer that adopts or awaits it. */
type Expected =
  | { readonly status: typeof AsyncStatus.completed; readonly value: number }
  | { readonly status: typeof AsyncStatus.error; readonly error: (e: unknown) => boolean }
  | { readonly status: typeof AsyncStatus.canceled };

interface Made {
  readonly value: unknown;
  readonly thenReads: () => number;
  readonly expected: Expected;
}

function make(s: Spec): Made {
  let reads = 0;
  const failure = new Error("made to fail");
  const isFailure = (e: unknown): boolean => e === failure;
  switch (s.type) {
    case "number":
      return { value: s.value, thenReads: () => 0, expected: { status: AsyncStatus.completed, value: s.value } };
    case "promise": {
      const promise = s.reject ? Promise.reject(failure) : Promise.resolve(s.value);
      promise.catch(() => undefined);
      return {
        value: promise,
        thenReads: () => 0,
        expected: s.reject ? { status: AsyncStatus.error, error: isFailure } : { status: AsyncStatus.completed, value: s.value },
      };
    }
    case "ours": {
      const op =
        s.end === "completed"
          ? AsyncOperation.fromResult(s.value)
          : s.end === "error"
            ? AsyncOperation.fromError<number>(failure)
            : AsyncOperation.canceled<number>();
      const expected: Expected =
        s.end === "completed"
          ? { status: AsyncStatus.completed, value: s.value }
          : s.end === "error"
            ? { status: AsyncStatus.error, error: isFailure }
            : { status: AsyncStatus.canceled };
      return { value: op, thenReads: () => 0, expected };
    }
    case "thenable": {
      // `depth` thenables, each resolving with the next; the innermost gives the value or rejects.
      let inner: unknown = undefined;
      for (let level = s.depth; level >= 1; level--) {
        const next = inner;
        const innermost = level === s.depth;
        const call = (resolve: (v: unknown) => void, reject: (e: unknown) => void): void => {
          if (innermost && s.reject) reject(failure);
          else resolve(innermost ? s.value : next);
        };
        inner = Object.defineProperty({}, "then", {
          get() {
            reads++;
            return (resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
              if (s.later) setTimeout(() => call(resolve, reject), 0);
              else call(resolve, reject);
            };
          },
        });
      }
      return {
        value: inner,
        thenReads: () => reads,
        expected: s.reject ? { status: AsyncStatus.error, error: isFailure } : { status: AsyncStatus.completed, value: s.value },
      };
    }
    case "revoked": {
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      return {
        value: revocable.proxy,
        thenReads: () => 0,
        expected: { status: AsyncStatus.error, error: (e) => e instanceof TypeError },
      };
    }
    case "traps": {
      const throwing = (): never => {
        throw new TrapError("trap");
      };
      const proxy = new Proxy({}, { get: throwing, has: throwing, getPrototypeOf: throwing, ownKeys: throwing });
      return { value: proxy, thenReads: () => 0, expected: { status: AsyncStatus.error, error: (e) => e instanceof TrapError } };
    }
  }
}

/** The operation a consumer makes of `value`, and how to read its result (whenAll's is an array of one). */
function consume(c: Consumer, value: unknown): { op: AsyncOperation<unknown>; unwrap: (result: unknown) => unknown } | undefined {
  const identity = (result: unknown): unknown => result;
  switch (c) {
    case "fromResult":
      return { op: AsyncOperation.fromResult(value), unwrap: identity };
    case "return":
      return {
        op: AsyncOperation.run(function* () {
          yield Promise.resolve();
          return value;
        }),
        unwrap: identity,
      };
    case "yield":
      // `yield` of a number throws a TypeError at the yield: not an awaitable value, left to the other consumers.
      if (typeof value === "number") return undefined;
      return {
        op: AsyncOperation.run(function* () {
          return yield* wait(value as PromiseLike<unknown>);
        }),
        unwrap: identity,
      };
    case "whenAll":
      if (typeof value === "number") return undefined;
      return { op: whenAll([value as PromiseLike<unknown>]) as unknown as AsyncOperation<unknown>, unwrap: (r) => (r as unknown[])[0] };
  }
}

let uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => {
  uncaught.push(error);
};
beforeEach(() => {
  uncaught = [];
  process.on("uncaughtException", onUncaught);
});
afterEach(() => {
  process.off("uncaughtException", onUncaught);
});

describe("thenable results and hostile values", () => {
  it("end as Promise.resolve would adopt them, with getResults() and await in agreement", async () => {
    const unhandled = watchUnhandledRejections();
    // Operations that fail at once are checked for observers before the property reads them: their reports are
    // expected and kept out of the output.
    captureUnobserved();
    await fc.assert(
      fc.asyncProperty(spec, consumer, async (s, c) => {
        const made = make(s);
        const consumed = consume(c, made.value);
        if (consumed === undefined) return;
        const { op, unwrap } = consumed;
        for (let i = 0; i < 20 && op.status === AsyncStatus.started; i++) await settle();
        expect(op.status).toBe(made.expected.status);
        const awaited = await Promise.resolve(op).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (made.expected.status === AsyncStatus.completed) {
          expect(awaited).toEqual({ ok: true, value: op.getResults() });
          expect(unwrap(op.getResults())).toBe(made.expected.value);
        } else if (made.expected.status === AsyncStatus.error) {
          let thrown: unknown;
          try {
            op.getResults();
          } catch (error) {
            thrown = error;
          }
          expect(made.expected.error(thrown)).toBe(true);
          expect(awaited.ok).toBe(false);
          expect(!awaited.ok && awaited.error === thrown).toBe(true);
        } else {
          expect(!awaited.ok && awaited.error instanceof CanceledError).toBe(true);
        }
        expect(made.thenReads()).toBeLessThanOrEqual(s.type === "thenable" ? s.depth : 0);
      }),
      { numRuns: 300 },
    );
    await settle();
    expect(uncaught).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
