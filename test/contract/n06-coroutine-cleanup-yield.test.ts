/* eslint-disable require-yield -- bodies that end before their first yield are part of the contract */
// DESIGN 4.3 item 4: a yield inside a finally block while unwinding is awaited and is not a checkpoint (the
// cleanup runs to its end); [Symbol.asyncDispose] waits until the generator has finished.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, wait } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("awaits yields in finally while unwinding, with their results, to the end of the cleanup", async () => {
    const unobserved = captureUnobserved();
    const log: unknown[] = [];
    const cleanup = gate();
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        log.push("cleanup start");
        log.push(yield* wait(AsyncOperation.fromResult("first")));
        yield cleanup.promise;
        log.push("cleanup end");
      }
    });
    op.cancel();
    await settle();
    expect(log).toEqual(["cleanup start", "first"]);
    expect(op.status).toBe(AsyncStatus.canceled);
    cleanup.open();
    await settle();
    expect(log).toEqual(["cleanup start", "first", "cleanup end"]);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("[Symbol.asyncDispose] waits until the generator finished its cleanup, then closes", async () => {
    const log: string[] = [];
    const cleanup = gate();
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        yield cleanup.promise;
        log.push("cleanup done");
      }
    });
    let disposed = false;
    const disposal = op[Symbol.asyncDispose]().then(() => {
      disposed = true;
      log.push("disposed");
    });
    expect(op.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(disposed).toBe(false);
    cleanup.open();
    await disposal;
    expect(log).toEqual(["cleanup done", "disposed"]);
    expect(() => op.status).toThrow();
  });

  it("[Symbol.asyncDispose] on a finished coroutine closes at once", async () => {
    const op = kind.run(function* () {
      return 1;
    });
    await op[Symbol.asyncDispose]();
    expect(() => op.status).toThrow();
  });

  it("a cleanup yield that fails throws into the finally block like any other", async () => {
    const log: string[] = [];
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        try {
          yield Promise.reject(new Error("cleanup step failed"));
        } catch (error) {
          log.push((error as Error).message);
        }
      }
    });
    op.cancel();
    await op[Symbol.asyncDispose]();
    expect(log).toEqual(["cleanup step failed"]);
  });
});
