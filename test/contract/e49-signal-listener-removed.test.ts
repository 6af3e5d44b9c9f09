// Case 49 / DESIGN 1.2 and 3.2: the abort listener that run, fromPromise and toPromise put on a signal is removed as soon as the operation (or promise) settles: no leak on a long-lived signal.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AsyncStatus, toPromise, type IAsyncOperation } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { foreignOperation, waitFor } from "../helpers/cancellation.js";
import { rejection as rejectionOf } from "../helpers/caught.js";

const listeners = (signal: AbortSignal): number => getEventListeners(signal, "abort").length;
const asInfo = (op: AnyOp): IAsyncOperation<unknown> => op as unknown as IAsyncOperation<unknown>;

describe.each(kinds)("$name", (kind) => {
  it("removes it when the body completes after suspending", async () => {
    const { signal } = new AbortController();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    }, { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    g.open();
    await waitFor(() => op.status !== AsyncStatus.started);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(listeners(signal)).toBe(0);
  });

  it("leaves none when the body completes without suspending", () => {
    const { signal } = new AbortController();
    const op = kind.run(() => 123, { signal });
    expect(op.status).toBe(AsyncStatus.completed);
    expect(listeners(signal)).toBe(0);
  });

  it("removes it when the op is canceled", () => {
    const { signal } = new AbortController();
    const op = kind.run(() => gate().promise, { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    op.cancel();
    expect(listeners(signal)).toBe(0);
  });

  it("removes it when the body fails", async () => {
    captureUnobserved();
    const { signal } = new AbortController();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw new Error("boom");
    }, { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    g.open();
    await waitFor(() => op.status !== AsyncStatus.started);
    expect(op.status).toBe(AsyncStatus.error);
    expect(listeners(signal)).toBe(0);
    await settle();
  });

  it("removes it when the signal itself aborts", () => {
    const controller = new AbortController();
    kind.run(() => gate().promise, { signal: controller.signal });
    controller.abort();
    expect(listeners(controller.signal)).toBe(0);
  });

  it("adds none for an already-aborted signal", () => {
    const signal = AbortSignal.abort();
    kind.run(() => 123, { signal });
    expect(listeners(signal)).toBe(0);
  });

  it("leaves none on a long-lived signal shared by 100 ops run one after another", async () => {
    const { signal } = new AbortController();
    for (let i = 0; i < 100; i++) {
      await kind.run(async () => {
        await Promise.resolve();
        return i;
      }, { signal });
    }
    expect(listeners(signal)).toBe(0);
  });

  it("removes the one fromPromise adds when the wrapped promise settles", async () => {
    const { signal } = new AbortController();
    const g = gate();
    const op = kind.fromPromise(g.promise.then(() => 1), { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    g.open();
    await op;
    expect(listeners(signal)).toBe(0);
  });

  it("removes the one toPromise adds when the promise settles by completion or by abort", async () => {
    const { signal } = new AbortController();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const promise = toPromise(asInfo(op), { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    g.open();
    await promise;
    expect(listeners(signal)).toBe(0);

    const controller = new AbortController();
    const aborted = toPromise(asInfo(kind.run(() => gate().promise)), { signal: controller.signal });
    controller.abort();
    await rejectionOf(aborted);
    expect(listeners(controller.signal)).toBe(0);
  });
});

describe("toPromise on a foreign operation", () => {
  it("removes its listener when the foreign op completes", async () => {
    const { signal } = new AbortController();
    const op = foreignOperation();
    const promise = toPromise(op, { signal });
    expect(listeners(signal)).toBeGreaterThan(0);
    op.finish(AsyncStatus.completed, 9);
    expect(await promise).toBe(9);
    await settle();
    expect(listeners(signal)).toBe(0);
  });
});
