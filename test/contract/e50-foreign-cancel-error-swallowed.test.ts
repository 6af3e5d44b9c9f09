// Case 50: when aborting toPromise's signal calls a foreign op's cancel() and that throws a disconnect error (RPC_E_DISCONNECTED and kin), nothing escapes the abort and the promise rejects as canceled.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, toPromise } from "../../src/index.js";
import { captureListenerErrors, microtasks, settle } from "../helpers/fixtures.js";
import { foreignOperation } from "../helpers/cancellation.js";
import { rejection as rejectionOf } from "../helpers/caught.js";

const disconnects = [
  { name: "RPC_E_DISCONNECTED", hresult: 0x80010108 | 0 },
  { name: "RPC_S_SERVER_UNAVAILABLE", hresult: 0x800706ba | 0 },
  { name: "JSCRIPT_E_CANTEXECUTE", hresult: 0x89020001 | 0 },
];

describe.each(disconnects)("cancel() throws $name", ({ hresult }) => {
  function disconnected(): ReturnType<typeof foreignOperation> {
    return foreignOperation(() => {
      throw Object.assign(new Error("The object invoked has disconnected from its clients."), { hresult });
    });
  }

  it("does not throw from abort() and rejects the promise as canceled", async () => {
    const reported = captureListenerErrors();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on("uncaughtException", onUncaught);
    try {
      const op = disconnected();
      const controller = new AbortController();
      const promise = toPromise(op, { signal: controller.signal });
      expect(typeof op.completed).toBe("function");

      const reason = new Error("consumer gave up");
      expect(() => controller.abort(reason)).not.toThrow();
      expect(op.cancelCalls).toBe(1);
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(CanceledError);
      expect((error as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
      expect((error as CanceledError).cause).toBe(reason);

      // The object later reporting canceled (or anything else) changes nothing.
      op.finish(AsyncStatus.canceled);
      await settle();
      expect(await rejectionOf(promise)).toBe(error);
      expect(uncaught).toEqual([]);
      expect(reported).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });

  it("does not throw from toPromise for an already-aborted signal", async () => {
    const op = disconnected();
    let promise!: Promise<unknown>;
    expect(() => {
      promise = toPromise(op, { signal: AbortSignal.abort() });
    }).not.toThrow();
    expect(op.cancelCalls).toBe(1);
    await microtasks();
    expect(await rejectionOf(promise)).toBeInstanceOf(CanceledError);
  });
});
