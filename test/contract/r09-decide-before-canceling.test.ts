// Issue 8 item 9: a combinator decides its outcome before it cancels the inputs it no longer needs. When a
// loser's cancel() re-entrantly cancels the combined operation (an onCancel callback, or a signal linked to it),
// whenAny still ends with the winner's outcome, whenAll with the first failure, withTimeout with its TimeoutError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, TimeoutError, whenAll, whenAny, withTimeout } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";

/** A running op of `kind` whose cancellation calls `onCanceled` (re-entrantly, inside cancel()). */
function loser(kind: (typeof kinds)[number], onCanceled: () => void): AnyOp {
  return kind.run((ctx) => {
    ctx.onCancel(onCanceled);
    return gate().promise;
  });
}

describe.each(kinds)("$name", (kind) => {
  it("whenAny keeps the winner's value when a loser's cancel() cancels the combined operation", async () => {
    const holder: { combined?: AnyOp } = {};
    const losing = loser(kind, () => holder.combined?.cancel());
    const g = gate();
    const winner = kind.run(async () => {
      await g.promise;
      return 11;
    });
    const combined = (holder.combined = whenAny([losing, winner]) as unknown as AnyOp);
    g.open();
    expect(await combined).toBe(kind.expected(11));
    expect(combined.status).toBe(AsyncStatus.completed);
    expect(losing.status).toBe(AsyncStatus.canceled);
  });

  it("whenAny keeps the winner's failure when a loser's cancel() cancels the combined operation", async () => {
    const unobserved = captureUnobserved();
    const holder: { combined?: AnyOp } = {};
    const losing = loser(kind, () => holder.combined?.cancel());
    const error = new Error("the winner failed");
    const g = gate();
    const winner = kind.run(async () => {
      await g.promise;
      throw error;
    });
    const combined = (holder.combined = whenAny([winner, losing]) as unknown as AnyOp);
    g.open();
    expect(await rejection(combined)).toBe(error);
    expect(combined.status).toBe(AsyncStatus.error);
    await settle();
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("whenAll ends with the first failure when a pending input's cancel() cancels the combined operation", async () => {
    const holder: { combined?: AnyOp } = {};
    const pending = loser(kind, () => holder.combined?.cancel());
    const error = new Error("first failure");
    const g = gate();
    const failing = kind.run(async () => {
      await g.promise;
      throw error;
    });
    const combined = (holder.combined = whenAll([pending, failing]) as unknown as AnyOp);
    g.open();
    expect(await rejection(combined)).toBe(error);
    expect(combined.status).toBe(AsyncStatus.error);
    expect(pending.status).toBe(AsyncStatus.canceled);
  });

  it("whenAny keeps the winner when the combined operation's own signal is what the loser aborts", async () => {
    const controller = new AbortController();
    const losing = loser(kind, () => controller.abort());
    const winner = kind.run(async () => {
      await settle();
      return 3;
    });
    const combined = whenAny([losing, winner], { signal: controller.signal }) as unknown as AnyOp;
    expect(await combined).toBe(kind.expected(3));
    expect(combined.status).toBe(AsyncStatus.completed);
    expect(controller.signal.aborted).toBe(true);
  });

  it("withTimeout ends with its TimeoutError when the input's cancel() cancels the returned operation", async () => {
    const holder: { timed?: AnyOp } = {};
    const input = loser(kind, () => holder.timed?.cancel());
    const timed = (holder.timed = withTimeout(input, 0) as unknown as AnyOp);
    expect(await rejection(timed)).toBeInstanceOf(TimeoutError);
    expect(timed.status).toBe(AsyncStatus.error);
    expect(input.status).toBe(AsyncStatus.canceled);
  });
});
