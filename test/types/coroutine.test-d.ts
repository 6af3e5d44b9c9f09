/* eslint-disable require-yield -- bodies that end before their first yield are part of the contract */
// Public types of coroutine producers (DESIGN 4.3), then's third argument and done (DESIGN 4.4).
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  Waiting,
  wait,
  type AsyncContext,
  type AsyncProgressContext,
} from "../../src/index.js";

declare const numberOp: AsyncOperation<number>;
declare const stringProgressOp: AsyncOperationWithProgress<string, { done: number }>;

describe("run with a generator function", () => {
  it("gives the operation the body's return type, on every kind", () => {
    expectTypeOf(
      AsyncOperation.run(function* (ctx) {
        expectTypeOf(ctx).toEqualTypeOf<AsyncContext>();
        const n = yield* wait(numberOp);
        return String(n);
      }),
    ).toEqualTypeOf<AsyncOperation<string>>();
    expectTypeOf(
      AsyncOperationWithProgress.run<number, number>(function* (ctx) {
        expectTypeOf(ctx).toEqualTypeOf<AsyncProgressContext<number>>();
        ctx.report(1);
        return yield* wait(numberOp);
      }),
    ).toEqualTypeOf<AsyncOperationWithProgress<number, number>>();
    expectTypeOf(
      AsyncAction.run(function* () {
        yield* wait(numberOp);
      }),
    ).toEqualTypeOf<AsyncAction>();
    expectTypeOf(
      AsyncActionWithProgress.run<number>(function* (ctx) {
        ctx.report(2);
        yield Promise.resolve();
      }),
    ).toEqualTypeOf<AsyncActionWithProgress<number>>();
  });

  it("types a plain yield as unknown, and yield* wait(x) as x's result", () => {
    AsyncOperation.run(function* () {
      const plain = yield numberOp;
      expectTypeOf(plain).toEqualTypeOf<unknown>();
      const typed = yield* wait(stringProgressOp);
      expectTypeOf(typed).toEqualTypeOf<string>();
      const fromPromise = yield* wait(Promise.resolve(true));
      expectTypeOf(fromPromise).toEqualTypeOf<boolean>();
      return 0;
    });
    expectTypeOf(wait(numberOp)).toEqualTypeOf<Waiting<number>>();
  });

  it("accepts propagateCancellation as a boolean only", () => {
    AsyncOperation.run(
      function* () {
        return 1;
      },
      { propagateCancellation: false },
    );
    // @ts-expect-error a boolean
    AsyncOperation.run(() => 1, { propagateCancellation: "no" });
  });
});

describe("then and done", () => {
  it("then takes a progress callback typed by the operation's progress", () => {
    void stringProgressOp.then(
      (value) => expectTypeOf(value).toEqualTypeOf<string>(),
      undefined,
      (progress) => expectTypeOf(progress).toEqualTypeOf<{ done: number }>(),
    );
    // @ts-expect-error the progress is an object, not a string
    void stringProgressOp.then(undefined, undefined, (progress: string) => progress);
  });

  it("done returns void and types its callbacks", () => {
    expectTypeOf(
      stringProgressOp.done(
        (value) => expectTypeOf(value).toEqualTypeOf<string>(),
        (error) => expectTypeOf(error).toEqualTypeOf<unknown>(),
        (progress) => expectTypeOf(progress).toEqualTypeOf<{ done: number }>(),
      ),
    ).toEqualTypeOf<void>();
    expectTypeOf(numberOp.done()).toEqualTypeOf<void>();
  });
});
