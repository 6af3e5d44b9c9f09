// DESIGN 4.3 item 2: `yield x` awaits x (our operations, foreign WinRT-shaped objects, projection wrappers,
// thenables); the body resumes no earlier than a microtask later with the result, or with the error thrown at
// the yield (a CanceledError when x ended canceled); anything else throws TypeError into the body at the yield.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, wait } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { bridges } from "../helpers/wrappers.js";
import { rejection } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("resumes with the result of each awaited thing: ours, foreign, wrapper, promise, via yield and yield* wait", async () => {
    const source = foreign();
    const { wrapper, source: wrapped } = bridges[0]!.make();
    const seen: unknown[] = [];
    const op = kind.run(function* () {
      seen.push(yield AsyncOperation.fromResult(1));
      seen.push(yield* wait(AsyncOperation.run(async () => 2)));
      seen.push(yield source.op);
      seen.push(yield wrapper);
      seen.push(yield* wait(Promise.resolve(5)));
      seen.push(yield { then: (resolve: (value: number) => void) => resolve(6) });
      return 10;
    });
    await settle();
    source.finish(AsyncStatus.completed, 3);
    await settle();
    wrapped.finish(AsyncStatus.completed, 4);
    expect(await op).toBe(kind.expected(10));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("resumes no earlier than a microtask, even for an operation that is already completed", async () => {
    const log: string[] = [];
    const op = kind.run(function* () {
      yield AsyncOperation.fromResult(1);
      log.push("resumed");
    });
    log.push("after run");
    expect(op.status).toBe(AsyncStatus.started);
    await op;
    expect(log).toEqual(["after run", "resumed"]);
  });

  it("throws the failure at the yield, where the body can catch it", async () => {
    const boom = new Error("boom");
    const op = kind.run(function* () {
      try {
        yield AsyncOperation.fromError(boom);
        return 1;
      } catch (error) {
        return error === boom ? 2 : 3;
      }
    });
    expect(await op).toBe(kind.expected(2));
  });

  it("ends in error with an uncaught failure value (identity kept)", async () => {
    const boom = { not: "an Error" };
    const op = kind.run(function* () {
      yield Promise.reject(boom);
    });
    expect(await rejection(op)).toBe(boom);
    expect(op.status).toBe(AsyncStatus.error);
  });

  it("throws a CanceledError at the yield when the awaited operation ended canceled; uncaught, the body ends canceled", async () => {
    let thrown: unknown;
    const inner = AsyncOperation.canceled<number>();
    const op = kind.run(function* () {
      try {
        yield inner;
      } catch (error) {
        thrown = error;
        throw error;
      }
    });
    await settle();
    expect(thrown).toBeInstanceOf(CanceledError);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("throws a CanceledError at the yield for a wrapper that was canceled (the projection's 'Canceled', an ERROR_CANCELLED code)", async () => {
    for (const bridge of bridges.filter((b) => b.cancellationRecognizable)) {
      const { wrapper, source } = bridge.make();
      let thrown: unknown;
      const op = kind.run(function* () {
        try {
          yield wrapper;
        } catch (error) {
          thrown = error;
          throw error;
        }
      });
      source.finish(AsyncStatus.canceled);
      await settle();
      expect(thrown, bridge.name).toBeInstanceOf(CanceledError);
      expect(op.status, bridge.name).toBe(AsyncStatus.canceled);
    }
  });

  it.each([
    ["a number", 42],
    ["undefined (a bare yield)", undefined],
    ["a plain object", { status: 0 }],
  ])("throws TypeError into the body at a yield of %s, on a microtask", async (_name, value) => {
    let thrown: unknown;
    const log: string[] = [];
    const op = kind.run(function* () {
      try {
        yield value;
      } catch (error) {
        log.push("caught");
        thrown = error;
      }
      return 1;
    });
    log.push("after run");
    expect(await op).toBe(kind.expected(1));
    expect(log).toEqual(["after run", "caught"]);
    expect(thrown).toBeInstanceOf(TypeError);
  });

  it("wait() refuses a value that cannot be awaited with a TypeError at once", () => {
    expect(() => wait(42 as never)).toThrow(TypeError);
    expect(() => wait(null as never)).toThrow(TypeError);
  });

  it("awaits a closed operation as a failure (IllegalMethodCallError) at the yield", async () => {
    const closed = AsyncOperation.fromResult(1);
    closed.close();
    let thrown: unknown;
    const op = kind.run(function* () {
      try {
        yield closed;
      } catch (error) {
        thrown = error;
      }
    });
    await op;
    expect((thrown as Error).name).toBe("IllegalMethodCallError");
  });

  it("never uses up the completed slot of our operations it awaits", async () => {
    const g = gate();
    const inner = AsyncOperation.run(async () => {
      await g.promise;
      return 1;
    });
    const op = kind.run(function* () {
      const value: unknown = yield inner;
      return value;
    });
    const statuses: number[] = [];
    inner.completed = (_op, status) => statuses.push(status);
    g.open();
    await op;
    expect(statuses).toEqual([AsyncStatus.completed]);
  });

  it("reports nothing when everything went well", async () => {
    const unobserved = captureUnobserved();
    const op = kind.run(function* () {
      yield Promise.resolve(1);
    });
    await op;
    await settle();
    expect(unobserved).toEqual([]);
  });
});
