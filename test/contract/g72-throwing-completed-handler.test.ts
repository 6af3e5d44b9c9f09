// Case 72 (DESIGN 2.8, 2.3 #8): a throwing completed handler changes nothing; the very error is reported, not thrown.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, microtasks, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("assigned while started: status, errorCode, getResults and awaiters are unchanged", async () => {
    const reported = captureListenerErrors();
    const thrown = new Error("handler failed");
    const g = gate();
    let bodyFinished = false;
    const op = kind.run(async () => {
      await g.promise;
      bodyFinished = true;
      return 9;
    });
    const awaited = op.then((value) => value);
    op.completed = () => {
      throw thrown;
    };
    g.open();
    await expect(awaited).resolves.toBe(kind.expected(9));
    await settle();
    expect(bodyFinished).toBe(true);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(9));
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(9));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBe(thrown);
  });

  it("assigned after completion: the setter does not throw and the error is reported", async () => {
    const reported = captureListenerErrors();
    const thrown = { notAnError: true };
    const op = kind.run(() => 9);
    expect(() => {
      op.completed = () => {
        throw thrown;
      };
    }).not.toThrow();
    await microtasks();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(9));
    expect(reported).toEqual([thrown]);
    expect(reported[0]).toBe(thrown);
  });

  it("on an op in error: its error stays the same", async () => {
    const reported = captureListenerErrors();
    const bodyError = new Error("body failed");
    const thrown = new Error("handler failed");
    const op = kind.run(() => {
      throw bodyError;
    });
    op.completed = () => {
      throw thrown;
    };
    await microtasks();
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBe(bodyError);
    expect(() => op.getResults()).toThrow(bodyError);
    await expect(op.then()).rejects.toBe(bodyError);
    expect(reported).toEqual([thrown]);
  });

  it("on a canceled op: the status stays canceled", async () => {
    const reported = captureListenerErrors();
    const thrown = new Error("handler failed");
    const g = gate();
    const op = kind.run(() => g.promise);
    op.completed = () => {
      throw thrown;
    };
    op.cancel();
    await microtasks();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    expect(reported).toEqual([thrown]);
    g.open();
  });
});
