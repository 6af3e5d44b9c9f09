// Cases 45-47, core equivalent (DESIGN 2.8): a body that hands ctx.signal to the operation it awaits (run's options.signal) or to a timer wait gets that work canceled when it is canceled, also through a chain of 10.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/cancellation.js";
import { rejection as rejectionOf } from "../helpers/caught.js";

/** A promise that only ever rejects, with the signal's reason, when the signal aborts. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
}

/** `depth` nested ops, each handing its ctx.signal to the next; the innermost waits until it is aborted. */
function chain(kind: Kind, depth: number, ops: AnyOp[], signal?: AbortSignal): AnyOp {
  const op = kind.run(
    async (ctx) => {
      if (depth === 1) return untilAborted(ctx.signal);
      return chain(kind, depth - 1, ops, ctx.signal);
    },
    signal === undefined ? undefined : { signal },
  );
  ops.push(op);
  return op;
}

describe.each(kinds)("$name", (kind) => {
  it("cancels the inner op the body is awaiting (case 45, awaiting window)", async () => {
    const unobserved = captureUnobserved();
    let inner!: AnyOp;
    let innerRan = false;
    const outer = kind.run(async (ctx) => {
      inner = kind.run(
        async (innerCtx) => {
          innerRan = true;
          await untilAborted(innerCtx.signal);
        },
        { signal: ctx.signal },
      );
      await inner;
    });
    const outerHandler = recorder();
    outer.completed = outerHandler.handler;
    const innerHandler = recorder();
    inner.completed = innerHandler.handler;
    expect(innerRan).toBe(true);
    expect(inner.status).toBe(AsyncStatus.started);

    outer.cancel();
    expect(outer.status).toBe(AsyncStatus.canceled);
    expect(inner.status).toBe(AsyncStatus.canceled);
    await microtasks();
    expect(outerHandler.calls).toEqual([{ sender: outer, status: AsyncStatus.canceled }]);
    expect(innerHandler.calls).toEqual([{ sender: inner, status: AsyncStatus.canceled }]);
    expect(await rejectionOf(inner)).toBeInstanceOf(CanceledError);
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("starts the inner op canceled when the outer was canceled before it got there (case 45, not-yet-awaiting window)", async () => {
    const unobserved = captureUnobserved();
    const g = gate();
    let inner: AnyOp | undefined;
    let innerRan = false;
    let outerUnwound = false;
    const outer = kind.run(async (ctx) => {
      try {
        await g.promise;
        inner = kind.run(
          () => {
            innerRan = true;
            return 123;
          },
          { signal: ctx.signal },
        );
        await inner;
      } finally {
        outerUnwound = true;
      }
    });

    outer.cancel();
    g.open();
    await waitFor(() => outerUnwound);
    expect(inner).toBeDefined();
    expect(inner!.status).toBe(AsyncStatus.canceled);
    expect(innerRan).toBe(false);
    expect(outer.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("cancels every level of a chain of 10 when the outermost is canceled (case 46)", async () => {
    const unobserved = captureUnobserved();
    const ops: AnyOp[] = [];
    const outermost = chain(kind, 10, ops);
    expect(ops).toHaveLength(10);
    expect(ops.every((op) => op.status === AsyncStatus.started)).toBe(true);
    const handler = recorder();
    outermost.completed = handler.handler;

    outermost.cancel();
    expect(ops.map((op) => op.status)).toEqual(Array<AsyncStatus>(10).fill(AsyncStatus.canceled));
    await microtasks();
    expect(handler.calls).toEqual([{ sender: outermost, status: AsyncStatus.canceled }]);
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("aborts a one-hour timer wait the body handed ctx.signal to, so the body unwinds (case 47)", async () => {
    const unobserved = captureUnobserved();
    let unwound = false;
    const op = kind.run(async (ctx) => {
      try {
        await sleep(3_600_000, undefined, { signal: ctx.signal });
      } finally {
        unwound = true;
      }
    });
    const handler = recorder();
    op.completed = handler.handler;

    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await waitFor(() => unwound);
    expect(unwound).toBe(true);
    expect(handler.calls).toEqual([{ sender: op, status: AsyncStatus.canceled }]);
    await settle();
    expect(unobserved).toEqual([]);
  });
});
