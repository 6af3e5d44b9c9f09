// Issue 8 item 6: a result or failure value that is a revoked Proxy, or a Proxy whose every trap throws, is just a
// value: getResults(), then, close() and dispose keep working (dispose never throws), errorCode never throws, and a
// body that throws such a value (synchronously or after awaiting) ends its operation in `error` with that value,
// as any other throw; run() itself never throws for it.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, onUnobservedError } from "../../src/index.js";
import { kinds, resultKinds } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { settle, watchUnhandledRejections } from "../helpers/fixtures.js";

class TrapError extends Error {}
const throwing = (): never => {
  throw new TrapError("trap");
};

function hostileValues(): Array<[string, object]> {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const allTrapsThrow: ProxyHandler<object> = {
    get: throwing,
    set: throwing,
    has: throwing,
    deleteProperty: throwing,
    ownKeys: throwing,
    getOwnPropertyDescriptor: throwing,
    defineProperty: throwing,
    getPrototypeOf: throwing,
    setPrototypeOf: throwing,
    isExtensible: throwing,
    preventExtensions: throwing,
  };
  return [
    ["a revoked Proxy", revocable.proxy],
    ["a Proxy whose traps throw", new Proxy({}, allTrapsThrow)],
  ];
}

/**
 * What `promise` rejects with, boxed: a hostile value cannot travel as the fulfilment value of a promise (resolving
 * with it reads its `then`), so `rejection()` of the shared helpers cannot hand it back.
 */
function rejectionOf(promise: PromiseLike<unknown>): Promise<{ error: unknown }> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error("expected a rejection, but the promise fulfilled");
    },
    (error: unknown) => ({ error }),
  );
}

/** Subscribes a listener for the test's duration so the unobserved failures of these ops go nowhere else. */
async function withReports<T>(run: (reports: unknown[]) => Promise<T>): Promise<T> {
  const reports: unknown[] = [];
  const subscription = onUnobservedError((error) => reports.push(error));
  try {
    return await run(reports);
  } finally {
    await settle();
    subscription[Symbol.dispose]();
  }
}

describe.each(kinds)("$name", (kind) => {
  describe.each(hostileValues())("failure value: %s", (_label, value) => {
    it("fromError: errorCode, getResults, then, close and dispose keep working", async () => {
      await withReports(async () => {
        const op = kind.fromError(value);
        expect(op.status).toBe(AsyncStatus.error);
        const code = op.errorCode;
        expect(code).toBeInstanceOf(AsyncError);
        expect((code as AsyncError).hresult).toBe(HResult.E_FAIL);
        expect((code as AsyncError).cause).toBe(value);
        expect(op.errorCode).toBe(code);
        expect(caught(() => op.getResults())).toBe(value);
        expect((await rejectionOf(op)).error).toBe(value);
        expect(() => op.close()).not.toThrow();
        const other = kind.fromError(value);
        expect(() => other[Symbol.dispose]()).not.toThrow();
        await expect(kind.fromError(value)[Symbol.asyncDispose]()).resolves.toBeUndefined();
      });
    });

    it("a body that throws it synchronously: run() returns the op in error with that value", async () => {
      await withReports(async () => {
        let op: ReturnType<typeof kind.run> | undefined;
        expect(() => {
          op = kind.run(() => {
            throw value;
          });
        }).not.toThrow();
        expect(op!.status).toBe(AsyncStatus.error);
        expect(caught(() => op!.getResults())).toBe(value);
        expect((await rejectionOf(op!)).error).toBe(value);
      });
    });

    it("a body that throws it after awaiting: the op ends in error with that value, no unhandled rejection", async () => {
      const rejections = watchUnhandledRejections();
      await withReports(async (reports) => {
        const op = kind.run(async () => {
          await null;
          throw value;
        });
        await settle();
        await settle();
        expect(op.status).toBe(AsyncStatus.error);
        // Identity, not toEqual: deep equality would run the value's traps.
        expect(reports.length).toBe(1);
        expect(reports[0]).toBe(value);
        expect(caught(() => op.getResults())).toBe(value);
        expect(() => op[Symbol.dispose]()).not.toThrow();
      });
      await settle();
      expect(rejections).toEqual([]);
    });

    it("fromPromise of a promise rejected with it ends in error with that value", async () => {
      await withReports(async () => {
        const op = kind.fromPromise(Promise.reject(value as Error));
        expect((await rejectionOf(op)).error).toBe(value);
        expect(op.status).toBe(AsyncStatus.error);
        expect(() => op.close()).not.toThrow();
      });
    });
  });
});

describe.each(resultKinds)("$name", (kind) => {
  describe.each(hostileValues())("result value: %s", (_label, value) => {
    it("fromResult: ends error with what reading its then throws (DESIGN 4.7 #1, #4); getResults and await agree", async () => {
      // Issue 15 replaced "completed with the value": awaiting it rejected (resolving a promise with it reads its
      // `then`) while getResults() returned it. A result is never a thenable now: `then` is read once, and what
      // that read throws is the failure, for every consumer alike.
      const op = kind.fromResult(value as never);
      expect(op.status).toBe(AsyncStatus.error);
      const failure = caught(() => op.getResults());
      expect(failure instanceof TypeError || failure instanceof TrapError).toBe(true);
      expect((await rejectionOf(op)).error).toBe(failure);
      expect(() => op.close()).not.toThrow();
      const other = kind.fromResult(value as never);
      expect(() => other[Symbol.dispose]()).not.toThrow();
    });
  });
});
