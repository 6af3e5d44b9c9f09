// Case 49 for producers (DESIGN 1.2, 2.4 #12): run's options.signal cancels the op when aborted (CanceledError whose cause is signal.reason); an already-aborted signal means the body never runs and the op starts canceled.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder } from "../helpers/fixtures.js";
import { caught as thrownBy, rejection as rejectionOf } from "../helpers/caught.js";

describe.each(kinds)("$name", (kind) => {
  it("cancels the running op inside abort(), with signal.reason as the cause", async () => {
    const log: string[] = [];
    let bodySignal!: AbortSignal;
    const controller = new AbortController();
    const op = kind.run(
      async (ctx) => {
        bodySignal = ctx.signal;
        ctx.onCancel(() => log.push("cb"));
        await gate().promise;
      },
      { signal: controller.signal },
    );
    const rec = recorder(log);
    op.completed = rec.handler;
    const awaited = rejectionOf(op);

    const reason = new Error("user navigated away");
    controller.abort(reason);
    log.push("after-abort");
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(bodySignal.aborted).toBe(true);
    expect(log).toEqual(["cb", "after-abort"]);

    const error = await awaited;
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect((error as CanceledError).cause).toBe(reason);
    expect(bodySignal.reason).toBeInstanceOf(CanceledError);
    expect((bodySignal.reason as CanceledError).cause).toBe(reason);
    await microtasks();
    expect(rec.calls).toEqual([{ sender: op, status: AsyncStatus.canceled }]);
    expect(op.errorCode).toBeNull();
  });

  it("uses the signal's default AbortError reason as the cause when aborted without a reason", async () => {
    const controller = new AbortController();
    const op = kind.run(() => gate().promise, { signal: controller.signal });
    controller.abort();
    const error = await rejectionOf(op);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(controller.signal.reason);
    expect((controller.signal.reason as DOMException).name).toBe("AbortError");
  });

  it("never runs the body for an already-aborted signal; the op starts canceled", async () => {
    const reason = new Error("too late");
    let ran = false;
    const op = kind.run(
      () => {
        ran = true;
        return 123;
      },
      { signal: AbortSignal.abort(reason) },
    );
    expect(ran).toBe(false);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.errorCode).toBeNull();
    const thrown = thrownBy(() => op.getResults());
    expect(thrown).toBeInstanceOf(IllegalMethodCallError);
    const rec = recorder();
    op.completed = rec.handler;
    await microtasks();
    expect(rec.calls).toEqual([{ sender: op, status: AsyncStatus.canceled }]);
    const error = await rejectionOf(op);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("ignores an abort that comes after the op completed", async () => {
    const controller = new AbortController();
    const g = gate();
    const op = kind.run(
      async () => {
        await g.promise;
        return 123;
      },
      { signal: controller.signal },
    );
    g.open();
    expect(await op).toBe(kind.expected(123));
    controller.abort();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
  });

  it("cancels an op made by fromPromise when its signal aborts, and starts it canceled for an aborted one", async () => {
    const controller = new AbortController();
    const running = kind.fromPromise(new Promise<number>(() => undefined), { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    expect(running.status).toBe(AsyncStatus.canceled);
    expect(((await rejectionOf(running)) as CanceledError).cause).toBe(reason);

    const early = kind.fromPromise(Promise.resolve(1), { signal: AbortSignal.abort(reason) });
    expect(early.status).toBe(AsyncStatus.canceled);
    expect(await rejectionOf(early)).toBeInstanceOf(CanceledError);
  });
});
