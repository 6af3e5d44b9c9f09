// Case 51 (DESIGN 2.7, 2.4 #13): a cancellation the consumer requested is never reported as an unobserved error and raises no unhandledRejection, however the body unwinds.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, toPromise, type IAsyncOperation } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { rejection as rejectionOf } from "../helpers/caught.js";
import { watchUnhandledRejections } from "../helpers/fixtures.js";

/** Bodies that unwind after cancellation in the usual ways, each setting `done` when finished. */
const unwinds: ReadonlyArray<{ how: string; body: (done: () => void) => Parameters<(typeof kinds)[number]["run"]>[0] }> = [
  {
    how: "throwIfCanceled()",
    body: (done) => async (ctx) => {
      try {
        await Promise.resolve();
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        ctx.throwIfCanceled();
      } finally {
        done();
      }
    },
  },
  {
    how: "rethrowing ctx.signal.reason",
    body: (done) => async (ctx) => {
      try {
        await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason as Error)));
      } finally {
        done();
      }
    },
  },
  {
    how: "an AbortError from a timer given ctx.signal",
    body: (done) => async (ctx) => {
      try {
        await sleep(3_600_000, undefined, { signal: ctx.signal });
      } finally {
        done();
      }
    },
  },
  {
    how: "returning normally",
    body: (done) => async () => {
      try {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        return 1;
      } finally {
        done();
      }
    },
  },
];

const asInfo = (op: AnyOp): IAsyncOperation<unknown> => op as unknown as IAsyncOperation<unknown>;

describe.each(kinds)("$name", (kind) => {
  describe.each(unwinds)("body unwinds by $how", ({ body }) => {
    it("reports nothing for cancel() on an op nobody observes", async () => {
      const unobserved = captureUnobserved();
      const unhandled = watchUnhandledRejections();
      let unwound = false;
      const op = kind.run(body(() => (unwound = true)));
      op.cancel();
      await waitFor(() => unwound);
      await settle();
      await settle();
      expect(op.status).toBe(AsyncStatus.canceled);
      expect(unobserved).toEqual([]);
      expect(unhandled).toEqual([]);
    });

    it("reports nothing for cancellation through a linked signal, with a handler and an awaiter", async () => {
      const unobserved = captureUnobserved();
      const unhandled = watchUnhandledRejections();
      let unwound = false;
      const controller = new AbortController();
      const op = kind.run(body(() => (unwound = true)), { signal: controller.signal });
      const rec = recorder();
      op.completed = rec.handler;
      const awaited = rejectionOf(op);
      controller.abort();
      await waitFor(() => unwound);
      await settle();
      await settle();
      expect(await awaited).toBeInstanceOf(CanceledError);
      expect(rec.calls).toHaveLength(1);
      expect(unobserved).toEqual([]);
      expect(unhandled).toEqual([]);
    });
  });

  it("reports nothing when the consumer aborts toPromise and handles the rejection", async () => {
    const unobserved = captureUnobserved();
    const unhandled = watchUnhandledRejections();
    let unwound = false;
    const op = kind.run(async (ctx) => {
      try {
        await sleep(3_600_000, undefined, { signal: ctx.signal });
      } finally {
        unwound = true;
      }
    });
    const controller = new AbortController();
    const promise = toPromise(asInfo(op), { signal: controller.signal });
    controller.abort();
    expect(await rejectionOf(promise)).toBeInstanceOf(CanceledError);
    await waitFor(() => unwound);
    await settle();
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(unobserved).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it("reports nothing for ops made canceled that nobody observes", async () => {
    const unobserved = captureUnobserved();
    const unhandled = watchUnhandledRejections();
    kind.canceled();
    kind.run(() => 1, { signal: AbortSignal.abort() });
    kind.run(() => gate().promise).cancel();
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
