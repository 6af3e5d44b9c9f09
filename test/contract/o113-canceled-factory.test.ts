// Case 113 (DESIGN 2.8, 2.4 #9, #11, #12): canceled() gives an op in canceled: handler (op, 2) on a microtask after
// the assignment; getResults throws IllegalMethodCallError; errorCode null; await rejects with CanceledError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("is canceled with errorCode null; getResults throws E_ILLEGAL_METHOD_CALL", () => {
    const op = kind.canceled();
    expect(op).toBeInstanceOf(kind.ctor);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    let thrown: unknown;
    try {
      op.getResults();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalMethodCallError);
    expect((thrown as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
  });

  it("await rejects with a CanceledError (ERROR_CANCELLED)", async () => {
    const op = kind.canceled();
    const reason = await op.then(
      () => "fulfilled",
      (error: unknown) => error,
    );
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
  });

  it('runs the handler once, on a microtask after the assignment: ["after-set", "handler"], with (op, canceled)', async () => {
    const op = kind.canceled();
    const log: string[] = [];
    const calls: Array<{ sender: unknown; status: number }> = [];
    op.completed = (sender, status) => {
      log.push("handler");
      calls.push({ sender, status });
    };
    log.push("after-set");
    op.cancel();
    await microtasks();
    expect(log).toEqual(["after-set", "handler"]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sender).toBe(op);
    expect(calls[0]!.status).toBe(AsyncStatus.canceled);
  });
});
