// Issue 15 item 3 (DESIGN 4.7 #4), core and coroutine parts: hostile values (a revoked Proxy, a Proxy whose every
// trap throws) never escape a consumer's guard. A coroutine that yields one gets a TypeError thrown at the yield
// (its `finally` runs, `[Symbol.asyncDispose]()` resolves, the operation ends, nothing is thrown uncaught); a
// promise wrapper that rejects with one makes `toPromise` and a coroutine's `yield` settle with that value.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, toPromise, wait } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { bridges } from "../helpers/wrappers.js";
import { gate } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";

class TrapError extends Error {}
const throwing = (): never => {
  throw new TrapError("trap");
};

function hostileValues(): Array<[string, () => object]> {
  return [
    [
      "a revoked Proxy",
      () => {
        const revocable = Proxy.revocable({}, {});
        revocable.revoke();
        return revocable.proxy;
      },
    ],
    [
      "a Proxy whose traps throw",
      () =>
        new Proxy(
          {},
          {
            get: throwing,
            has: throwing,
            getPrototypeOf: throwing,
            getOwnPropertyDescriptor: throwing,
            ownKeys: throwing,
          },
        ),
    ],
  ];
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

describe.each(kinds)("$name", (kind) => {
  describe.each(hostileValues())("a coroutine yielding %s", (_label, make) => {
    it("gets the error reading it throws at the yield, runs its finally and ends", async () => {
      let thrown: unknown;
      let finallyRan = false;
      const op = kind.run(function* () {
        try {
          yield make();
        } catch (error) {
          thrown = error;
          throw error;
        } finally {
          finallyRan = true;
        }
      } as never);
      await waitFor(() => op.status !== AsyncStatus.started);
      expect(op.status).toBe(AsyncStatus.error);
      // What reading the value's `then` threw: a TypeError for a revoked Proxy, the trap's error for the other.
      expect(thrown instanceof TypeError || thrown instanceof TrapError).toBe(true);
      expect(finallyRan).toBe(true);
      await op[Symbol.asyncDispose]();
      expect(uncaught).toEqual([]);
    });

    it("canceled while running, then yielding it (a checkpoint): its finally runs and asyncDispose resolves", async () => {
      const g = gate();
      let finallyRan = false;
      const op: { cancel(): void } = kind.run(function* () {
        try {
          yield g.promise;
          op.cancel();
          yield make();
        } finally {
          finallyRan = true;
        }
      } as never);
      g.open();
      await waitFor(() => finallyRan);
      expect(finallyRan).toBe(true);
      await (op as unknown as AsyncDisposable)[Symbol.asyncDispose]();
      expect(uncaught).toEqual([]);
    });

    it("yielding it inside a finally while unwinding: the unwinding goes on and asyncDispose resolves", async () => {
      const g = gate();
      let after = false;
      const op = kind.run(function* () {
        try {
          yield g.promise;
        } finally {
          try {
            yield make();
          } catch {
            // the TypeError of the yield
          }
          after = true;
        }
      } as never);
      op.cancel();
      expect(op.status).toBe(AsyncStatus.canceled);
      await op[Symbol.asyncDispose]();
      expect(after).toBe(true);
      expect(uncaught).toEqual([]);
    });
  });
});

describe.each(hostileValues())("a wrapper rejecting with %s", (_label, make) => {
  function rejectingWrapper(value: object): object {
    return {
      then(_onfulfilled: unknown, onrejected: (reason: unknown) => void) {
        setTimeout(() => onrejected(value), 0);
      },
      cancel() {
        /* nothing to stop */
      },
    };
  }

  it("makes toPromise reject with that value", async () => {
    const value = make();
    const outcome = await toPromise(rejectingWrapper(value) as never).then(
      () => "fulfilled",
      (error: unknown) => (error === value ? "rejected with the value" : "rejected with something else"),
    );
    expect(outcome).toBe("rejected with the value");
    expect(uncaught).toEqual([]);
  });

  it("is thrown at a coroutine's yield", async () => {
    const value = make();
    let same = false;
    const op = AsyncOperation.run(function* () {
      try {
        yield* wait(rejectingWrapper(value) as PromiseLike<number>);
      } catch (error) {
        same = error === value;
      }
      return 1;
    });
    await waitFor(() => op.status !== AsyncStatus.started);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(same).toBe(true);
    expect(uncaught).toEqual([]);
  });

  it.each(bridges)("through $name: toPromise settles", async (bridge) => {
    const value = make();
    const { wrapper, source } = bridge.make();
    const promise = toPromise(wrapper as never);
    source.finish(AsyncStatus.error, value);
    const outcome = await promise.then(
      () => "fulfilled",
      () => "rejected",
    );
    expect(outcome).toBe("rejected");
    expect(uncaught).toEqual([]);
  });
});
