// Case 112 (DESIGN 2.8, 2.4 #9-11): fromError gives an op in error; errorCode is the error, getResults rethrows it
// (message kept); any value is accepted.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("an Error: status 3, errorCode is that error, getResults and await rethrow it with its message", async () => {
    const failure = new RangeError("the user's own message");
    const op = kind.fromError(failure);
    expect(op).toBeInstanceOf(kind.ctor);
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(failure);
    expect(op.errorCode).toBe(failure);
    let thrown: unknown;
    try {
      op.getResults();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(failure);
    expect((thrown as Error).message).toBe("the user's own message");
    expect(() => op.getResults()).toThrow(failure);
    await expect(op.then()).rejects.toBe(failure);
  });

  it("keeps the hresult of an error that carries one", () => {
    const failure = new AsyncError("invalid", { hresult: HResult.E_INVALIDARG });
    const op = kind.fromError(failure);
    expect((op.errorCode as AsyncError).hresult).toBe(HResult.E_INVALIDARG);
  });

  it("a non-Error value: errorCode is a stable AsyncError (E_FAIL, cause = the value); getResults and await give the value itself", async () => {
    const value = { code: 7 };
    const op = kind.fromError(value);
    expect(op.status).toBe(AsyncStatus.error);
    const code = op.errorCode;
    expect(code).toBeInstanceOf(AsyncError);
    expect((code as AsyncError).hresult).toBe(HResult.E_FAIL);
    expect(code!.cause).toBe(value);
    expect(op.errorCode).toBe(code);
    expect(() => op.getResults()).toThrow();
    let thrown: unknown;
    try {
      op.getResults();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(value);
    await expect(op.then()).rejects.toBe(value);
  });

  it("accepts undefined and null as Promise.reject does", async () => {
    for (const value of [undefined, null]) {
      const op = kind.fromError(value);
      expect(op.status).toBe(AsyncStatus.error);
      await expect(op.then()).rejects.toBe(value);
    }
  });

  it("runs the handler once, on a microtask after the assignment, with (op, error); cancel() does nothing", async () => {
    const op = kind.fromError(new Error("failed"));
    const log: string[] = [];
    const statuses: number[] = [];
    op.completed = (sender, status) => {
      expect(sender).toBe(op);
      statuses.push(status);
      log.push("handler");
    };
    log.push("after-set");
    op.cancel();
    await microtasks();
    expect(log).toEqual(["after-set", "handler"]);
    expect(statuses).toEqual([AsyncStatus.error]);
    expect(op.status).toBe(AsyncStatus.error);
  });
});
