/* eslint-disable require-yield -- bodies that end before their first yield are part of the contract */
// DESIGN 4.3 item 1: a coroutine body (a generator function given to run) starts hot, synchronously to its first
// yield, with every rule of 2.1: a body that returns without yielding is terminal before run returns, a
// synchronous throw ends the operation in error (or canceled), a pre-aborted signal means the body never runs.
// And the changed meaning: run(function* ...) no longer completes with the generator object as its result.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("runs the body synchronously up to its first yield, then waits", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(function* () {
      log.push("before yield");
      yield g.promise;
      log.push("after yield");
      return 5;
    });
    log.push("run returned");
    expect(log).toEqual(["before yield", "run returned"]);
    expect(op.status).toBe(AsyncStatus.started);
    g.open();
    expect(await op).toBe(kind.expected(5));
    expect(log).toEqual(["before yield", "run returned", "after yield"]);
  });

  it("is completed before run returns when the body returns without yielding, with the return value (not the generator)", () => {
    const op = kind.run(function* () {
      return 7;
    });
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(7));
  });

  it("ends in error before run returns when the body throws before its first yield; run does not throw", () => {
    const boom = new Error("boom");
    const op = kind.run(function* () {
      throw boom;
    });
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(boom);
  });

  it("ends canceled when the body throws a cancellation error before its first yield", () => {
    const op = kind.run(function* () {
      throw new CanceledError();
    });
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("never runs the body when the signal is already aborted", async () => {
    let ran = false;
    const op = kind.run(
      function* () {
        ran = true;
        yield Promise.resolve();
      },
      { signal: AbortSignal.abort() },
    );
    expect(ran).toBe(false);
    expect(op.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(ran).toBe(false);
  });

  it("drives a generator object a transpiler made (tagged Generator, with next/throw/return), as a native one", async () => {
    // What regenerator-style output looks like: a state machine object, not a native generator.
    let state = 0;
    const generatorLike = {
      [Symbol.toStringTag]: "Generator",
      [Symbol.iterator]() {
        return this;
      },
      next(value?: unknown): IteratorResult<unknown, unknown> {
        if (state === 0) {
          state = 1;
          return { done: false, value: Promise.resolve(20) };
        }
        state = 2;
        return { done: true, value: (value as number) + 1 };
      },
      throw(error: unknown): IteratorResult<unknown, unknown> {
        state = 2;
        throw error;
      },
      return(value?: unknown): IteratorResult<unknown, unknown> {
        state = 2;
        return { done: true, value };
      },
    };
    const op = kind.run(() => generatorLike);
    expect(state).toBe(1);
    expect(await op).toBe(kind.expected(21));
  });

  it("still completes with a plain object result that merely has next/throw/return (not tagged Generator)", () => {
    const iteratorLike = { next() {}, throw() {}, return() {} };
    const op = kind.run(() => iteratorLike);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(iteratorLike as never));
  });

  it("throws TypeError for a non-boolean propagateCancellation, before the body runs", () => {
    let ran = false;
    expect(() =>
      kind.run(
        function* () {
          ran = true;
        },
        { propagateCancellation: "no" as never },
      ),
    ).toThrow(TypeError);
    expect(ran).toBe(false);
  });
});
