// Type tests of the combinators: tuple typing of whenAll, unions of whenAny, ResultOf, withTimeout, delay.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  delay,
  whenAll,
  whenAny,
  withTimeout,
  type IAsyncAction,
  type IAsyncActionWithProgress,
  type IAsyncOperation,
  type IAsyncOperationWithProgress,
  type ResultOf,
  type WhenAllProgress,
} from "../../src/index.js";

type Progress = { completed: number; total: number };

declare const opNumber: AsyncOperation<number>;
declare const opProgressString: AsyncOperationWithProgress<string, number>;
declare const action: AsyncAction;
declare const actionProgress: AsyncActionWithProgress<number>;
declare const promiseString: Promise<string>;
declare const foreignOp: IAsyncOperation<boolean>;
declare const foreignOpProgress: IAsyncOperationWithProgress<bigint, number>;
declare const foreignAction: IAsyncAction;
declare const foreignActionProgress: IAsyncActionWithProgress<number>;
declare const thenable: PromiseLike<Date>;

describe("ResultOf", () => {
  it("gives the result of every kind of input", () => {
    expectTypeOf<ResultOf<AsyncOperation<number>>>().toEqualTypeOf<number>();
    expectTypeOf<ResultOf<AsyncOperationWithProgress<string, number>>>().toEqualTypeOf<string>();
    expectTypeOf<ResultOf<AsyncAction>>().toEqualTypeOf<void>();
    expectTypeOf<ResultOf<AsyncActionWithProgress<number>>>().toEqualTypeOf<void>();
    expectTypeOf<ResultOf<IAsyncOperation<boolean>>>().toEqualTypeOf<boolean>();
    expectTypeOf<ResultOf<IAsyncOperationWithProgress<bigint, number>>>().toEqualTypeOf<bigint>();
    expectTypeOf<ResultOf<IAsyncAction>>().toEqualTypeOf<void>();
    expectTypeOf<ResultOf<IAsyncActionWithProgress<number>>>().toEqualTypeOf<void>();
    expectTypeOf<ResultOf<Promise<string>>>().toEqualTypeOf<string>();
    expectTypeOf<ResultOf<PromiseLike<Promise<Date>>>>().toEqualTypeOf<Date>();
  });

  it("distributes over a union", () => {
    expectTypeOf<ResultOf<AsyncOperation<number> | Promise<string>>>().toEqualTypeOf<number | string>();
  });
});

describe("whenAll", () => {
  it("types a tuple input as a tuple, in order", () => {
    const tuple: [AsyncOperation<number>, Promise<string>] = [opNumber, promiseString];
    expectTypeOf(whenAll(tuple)).toEqualTypeOf<AsyncOperationWithProgress<[number, string], Progress>>();
  });

  it("types an array literal as a tuple", () => {
    expectTypeOf(whenAll([opNumber, promiseString, foreignOp])).toEqualTypeOf<
      AsyncOperationWithProgress<[number, string, boolean], Progress>
    >();
  });

  it("gives undefined in the slot of an action", () => {
    expectTypeOf(whenAll([action, opNumber, actionProgress, foreignAction, foreignActionProgress])).toEqualTypeOf<
      AsyncOperationWithProgress<[undefined, number, undefined, undefined, undefined], Progress>
    >();
  });

  it("types an array as an array", () => {
    const ops: AsyncOperation<number>[] = [opNumber];
    expectTypeOf(whenAll(ops)).toEqualTypeOf<AsyncOperationWithProgress<number[], Progress>>();
    const readonlyOps: readonly AsyncOperation<number>[] = ops;
    expectTypeOf(whenAll(readonlyOps)).toEqualTypeOf<AsyncOperationWithProgress<number[], Progress>>();
  });

  it("types any other iterable as an array of the union", () => {
    const set = new Set<AsyncOperation<number> | Promise<string>>();
    expectTypeOf(whenAll(set)).toEqualTypeOf<AsyncOperationWithProgress<(number | string)[], Progress>>();
    function* generate(): Generator<AsyncOperationWithProgress<string, number>> {
      yield opProgressString;
    }
    expectTypeOf(whenAll(generate())).toEqualTypeOf<AsyncOperationWithProgress<string[], Progress>>();
  });

  it("gives an empty tuple for no inputs, and progress of { completed, total }", () => {
    expectTypeOf(whenAll([])).toEqualTypeOf<AsyncOperationWithProgress<[], Progress>>();
    expectTypeOf<WhenAllProgress>().toEqualTypeOf<Progress>();
  });

  it("takes options with signal and description", () => {
    expectTypeOf(whenAll).toBeCallableWith([opNumber], { signal: new AbortController().signal, description: "x" });
  });

  it("rejects what is not an input", () => {
    // @ts-expect-error a number is not an async input
    whenAll([1]);
    // @ts-expect-error a non-iterable
    whenAll(opNumber);
    // @ts-expect-error unknown options member types
    whenAll([opNumber], { signal: "no" });
  });
});

describe("whenAny", () => {
  it("gives the union of the results", () => {
    expectTypeOf(whenAny([opNumber, promiseString])).toEqualTypeOf<AsyncOperation<number | string>>();
    expectTypeOf(whenAny([foreignOpProgress, thenable, opProgressString])).toEqualTypeOf<
      AsyncOperation<bigint | Date | string>
    >();
    expectTypeOf(whenAny([action, actionProgress])).toEqualTypeOf<AsyncOperation<void>>();
    expectTypeOf(whenAny(new Set([opNumber]))).toEqualTypeOf<AsyncOperation<number>>();
  });

  it("takes cancelLosers", () => {
    expectTypeOf(whenAny).toBeCallableWith([opNumber], { cancelLosers: false });
    // @ts-expect-error cancelLosers is a boolean
    whenAny([opNumber], { cancelLosers: "no" });
  });
});

describe("withTimeout", () => {
  it("keeps the result type of its input", () => {
    expectTypeOf(withTimeout(opNumber, 10)).toEqualTypeOf<AsyncOperation<number>>();
    expectTypeOf(withTimeout(opProgressString, 10)).toEqualTypeOf<AsyncOperation<string>>();
    expectTypeOf(withTimeout(foreignOp, 10)).toEqualTypeOf<AsyncOperation<boolean>>();
    expectTypeOf(withTimeout(promiseString, 10)).toEqualTypeOf<AsyncOperation<string>>();
    expectTypeOf(withTimeout(action, 10)).toEqualTypeOf<AsyncOperation<void>>();
    expectTypeOf(withTimeout(foreignAction, 10)).toEqualTypeOf<AsyncOperation<void>>();
  });

  it("rejects a non-number time", () => {
    // @ts-expect-error milliseconds must be a number
    withTimeout(opNumber, "10");
  });
});

describe("delay", () => {
  it("is an AsyncAction", () => {
    expectTypeOf(delay(10)).toEqualTypeOf<AsyncAction>();
    expectTypeOf(delay(10, { signal: new AbortController().signal, description: "wait" })).toEqualTypeOf<AsyncAction>();
  });
});
