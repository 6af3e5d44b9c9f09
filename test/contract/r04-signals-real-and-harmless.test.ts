// Issue 8 item 4: options named `signal` accept real AbortSignals only (TypeError otherwise); nothing a linked
// signal does (its instance's own addEventListener, removeEventListener, aborted or reason replaced) can make
// cancel() throw or leave an awaiter waiting; linking many operations to one long-lived signal adds one listener,
// not one each, so Node's MaxListenersExceededWarning (false here: everything is removed) never appears.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AsyncStatus,
  CanceledError,
  delay,
  progressUpdates,
  toPromise,
  whenAll,
  whenAny,
  withTimeout,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";

/** An object shaped like a signal, with the members the old shape check looked at. */
const lookAlike = { aborted: false, reason: undefined, addEventListener() {}, removeEventListener() {}, dispatchEvent() {} };

let warnings: string[] = [];
const onWarning = (warning: Error): void => {
  warnings.push(warning.name);
};
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});

describe.each(kinds)("$name", (kind) => {
  it("refuses a look-alike signal with TypeError in every producer, before running anything", () => {
    let ran = false;
    const signal = lookAlike as unknown as AbortSignal;
    const body = (): number => {
      ran = true;
      return 1;
    };
    const input = kind.run(() => gate().promise);
    expect(() => kind.run(body, { signal })).toThrow(TypeError);
    expect(() => kind.fromPromise(Promise.resolve(1), { signal })).toThrow(TypeError);
    expect(() => whenAll([input], { signal })).toThrow(TypeError);
    expect(() => whenAny([input], { signal })).toThrow(TypeError);
    expect(() => withTimeout(input, 10, { signal })).toThrow(TypeError);
    expect(() => delay(10, { signal })).toThrow(TypeError);
    expect(() => toPromise(input as never, { signal })).toThrow(TypeError);
    if (kind.hasProgress) {
      expect(() => progressUpdates(input as unknown as IAsyncOperationWithProgress<unknown, number>, { signal })).toThrow(
        TypeError,
      );
    }
    expect(ran).toBe(false);
    expect(input.status).toBe(AsyncStatus.started);
    input.cancel();
  });

  it("cancels on abort even when the signal's own addEventListener was replaced by one that does nothing", async () => {
    const controller = new AbortController();
    Object.defineProperty(controller.signal, "addEventListener", { value: () => undefined });
    const op = kind.run(() => gate().promise, { signal: controller.signal });
    const awaited = rejection(op);
    controller.abort();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(await awaited).toBeInstanceOf(CanceledError);
  });

  it("never throws from cancel() or settlement when the signal's own members throw", async () => {
    const controller = new AbortController();
    const boom = (): never => {
      throw new Error("hostile signal member");
    };
    for (const name of ["removeEventListener", "aborted", "reason"]) {
      Object.defineProperty(controller.signal, name, { get: boom });
    }
    const canceled = kind.run(() => gate().promise, { signal: controller.signal });
    expect(() => canceled.cancel()).not.toThrow();
    expect(await rejection(canceled)).toBeInstanceOf(CanceledError);

    const g = gate();
    const completes = kind.run(async () => {
      await g.promise;
      return 5;
    }, { signal: controller.signal });
    g.open();
    expect(await completes).toBe(kind.expected(5));

    const aborted = kind.run(() => gate().promise, { signal: controller.signal });
    const reason = new Error("reason");
    controller.abort(reason);
    const error = await rejection(aborted);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("links 50 operations to one signal with one listener and no MaxListenersExceededWarning", async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const ops: AnyOp[] = [];
    for (let i = 0; i < 50; i++) ops.push(kind.run(() => gate().promise, { signal }));
    const promises = ops.map((op) => toPromise(op as never, { signal }));
    for (const promise of promises) promise.catch(() => undefined);
    const combined = whenAll(ops.slice(0, 20), { signal });
    expect(getEventListeners(signal, "abort").length).toBeLessThanOrEqual(1);
    await settle();
    expect(warnings).not.toContain("MaxListenersExceededWarning");

    controller.abort();
    expect(ops.every((op) => op.status === AsyncStatus.canceled)).toBe(true);
    expect(combined.status).toBe(AsyncStatus.canceled);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    await settle();
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("removes the one listener when the last operation on a long-lived signal settles", async () => {
    const { signal } = new AbortController();
    const gates = Array.from({ length: 15 }, () => gate());
    const ops = gates.map((g) =>
      kind.run(async () => {
        await g.promise;
        return 1;
      }, { signal }),
    );
    expect(getEventListeners(signal, "abort").length).toBe(1);
    for (const g of gates) g.open();
    await Promise.all(ops.map((op) => op.then()));
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    await settle();
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});
