// Issue 15 item 1 (DESIGN 4.7 #1): a result is never a thenable. `fromResult(x)`, a coroutine's `return x` and a
// body whose value is a (non-native) thenable adopt `x` as `Promise.resolve` does: the operation stays `started`
// until `x` settles and then ends as `x` ended; an operation that would follow itself ends `error` with a
// `TypeError` (a chaining cycle). `getResults()` and `await` always agree.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, wait } from "../../src/index.js";
import { kinds, resultKinds, type AnyOp } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { settle } from "../helpers/fixtures.js";
import { runScript } from "../helpers/run-script.js";

/** A promise and the function that fulfils it with a value (the shared gate opens with nothing). */
function deferred(): { promise: Promise<unknown>; open(value: unknown): void } {
  let open!: (value: unknown) => void;
  const promise = new Promise<unknown>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** The outcome as `getResults()` says it and as `await` says it, once the operation is terminal. */
async function bothViews(op: AnyOp): Promise<{ status: AsyncStatus; sync: unknown; awaited: unknown }> {
  const awaited = await Promise.resolve(op).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let sync: unknown;
  try {
    sync = { value: op.getResults() };
  } catch (error) {
    sync = { error };
  }
  return { status: op.status, sync, awaited };
}

describe.each(resultKinds)("$name", (kind) => {
  it("fromResult(pending promise) stays started until the promise settles, then completes with its value", async () => {
    const g = deferred();
    const op = kind.fromResult(g.promise as unknown as number);
    expect(op.status).toBe(AsyncStatus.started);
    await settle();
    expect(op.status).toBe(AsyncStatus.started);
    g.open(7);
    expect(await bothViews(op)).toEqual({ status: AsyncStatus.completed, sync: { value: 7 }, awaited: { value: 7 } });
  });

  it("fromResult(rejected promise) ends error with the reason, for getResults() and await alike", async () => {
    const error = new Error("adopted");
    const rejected = Promise.reject(error);
    const op = kind.fromResult(rejected as unknown as number);
    await settle();
    expect(await bothViews(op)).toEqual({ status: AsyncStatus.error, sync: { error }, awaited: { error } });
  });

  it("fromResult(one of our operations) gives that operation's result, not the operation", async () => {
    const op = kind.fromResult(AsyncOperation.fromResult(5) as unknown as number);
    await settle();
    expect(await bothViews(op)).toEqual({ status: AsyncStatus.completed, sync: { value: 5 }, awaited: { value: 5 } });
  });

  it("fromResult(a thenable that calls back synchronously) reads its then once and completes with the value", async () => {
    let reads = 0;
    const thenable = {
      get then() {
        reads++;
        return (resolve: (value: unknown) => void) => resolve(9);
      },
    };
    const op = kind.fromResult(thenable as unknown as number);
    await settle();
    expect(await bothViews(op)).toEqual({ status: AsyncStatus.completed, sync: { value: 9 }, awaited: { value: 9 } });
    expect(reads).toBe(1);
  });
});

describe.each(kinds)("$name", (kind) => {
  it("a coroutine returning a rejected promise ends error with the reason", async () => {
    const error = new Error("returned rejection");
    const op = kind.run(function* () {
      yield Promise.resolve();
      return Promise.reject(error);
    } as never);
    await settle();
    expect(await bothViews(op)).toEqual({ status: AsyncStatus.error, sync: { error }, awaited: { error } });
  });

  it("a coroutine returning one of our operations gives its result, for getResults() and await alike", async () => {
    const op = kind.run(function* () {
      yield Promise.resolve();
      return AsyncOperation.fromResult(5);
    } as never);
    await settle();
    const expected = kind.expected(5);
    expect(await bothViews(op)).toEqual({
      status: AsyncStatus.completed,
      sync: { value: expected },
      awaited: { value: expected },
    });
  });

  it("a coroutine returning a pending promise stays started until it settles", async () => {
    const g = deferred();
    const op = kind.run(function* () {
      yield Promise.resolve();
      return g.promise;
    } as never);
    await settle();
    expect(op.status).toBe(AsyncStatus.started);
    g.open(3);
    await settle();
    const expected = kind.expected(3);
    expect(await bothViews(op)).toEqual({
      status: AsyncStatus.completed,
      sync: { value: expected },
      awaited: { value: expected },
    });
  });

  it("a coroutine returning a canceled operation ends canceled", async () => {
    const op = kind.run(function* () {
      yield Promise.resolve();
      return AsyncOperation.canceled();
    } as never);
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(await rejection(op)).toBeInstanceOf(CanceledError);
  });

  it("a coroutine returning itself ends error with a TypeError (a chaining cycle)", async () => {
    const op: AnyOp = kind.run(function* () {
      yield Promise.resolve();
      return op;
    } as never);
    await settle();
    expect(op.status).toBe(AsyncStatus.error);
    const error = caught(() => op.getResults());
    expect(error).toBeInstanceOf(TypeError);
    expect(await rejection(op)).toBe(error);
  });

  it("a coroutine returning an operation that waits on it stays started (a cycle, not a crash) until canceled", async () => {
    let inner: AnyOp | undefined;
    const op: AnyOp = kind.run(function* () {
      yield Promise.resolve();
      inner = AsyncOperation.run(function* () {
        return yield* wait(op as never);
      }) as unknown as AnyOp;
      return inner;
    } as never);
    await settle();
    // The outer one would wait for the inner one that waits for the outer one: a cycle nobody can end. It is
    // not detected (neither is it by native promises); it must simply not grow the heap or crash.
    expect(op.status).toBe(AsyncStatus.started);
    op.cancel();
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(inner?.status).toBe(AsyncStatus.canceled);
  });

  it("a body returning a non-native thenable that resolves with the operation itself ends error with a TypeError", async () => {
    const op: AnyOp = kind.run(() => ({
      then(resolve: (value: unknown) => void) {
        setTimeout(() => resolve(op), 0);
      },
    }));
    await settle();
    await settle();
    expect(op.status).toBe(AsyncStatus.error);
    expect(caught(() => op.getResults())).toBeInstanceOf(TypeError);
  });
});

describe("a coroutine returning itself, in a process with a small heap", () => {
  it("ends error with a TypeError instead of growing the heap until V8 aborts", () => {
    const result = runScript(
      `
      import { AsyncOperation, AsyncStatus } from "winrt-async";
      const op = AsyncOperation.run(function* () {
        yield Promise.resolve();
        return op;
      });
      const outcome = await Promise.resolve(op).then(
        (value) => ({ fulfilled: value === op }),
        (error) => ({ rejected: error instanceof TypeError }),
      );
      console.log(JSON.stringify({ outcome, status: op.status }));
    `,
      20_000,
      ["--max-old-space-size=32"],
    );
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ outcome: { rejected: true }, status: AsyncStatus.error });
  }, 30_000);
});
