// Issue 8 item 5: a foreign WinRT-shaped object that calls its `completed` handler with status `started` makes
// toPromise, whenAll and whenAny end in `error` with an AsyncError (IllegalMethodCallError, E_ILLEGAL_METHOD_CALL,
// as .NET's AsTask fails with InvalidOperationException) instead of waiting forever; progress a foreign object
// reports after it completed never reaches consumers. Foreign objects shaped as each of the four kinds.
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  AsyncStatus,
  HResult,
  IllegalMethodCallError,
  progressUpdates,
  toPromise,
  whenAll,
  whenAny,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";
import { kinds, progressKinds } from "../helpers/kinds.js";
import { foreign } from "../helpers/foreign.js";
import { microtasks } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";

/** Calls the handler assigned to `op.completed` with status `started`, as a broken binding would. */
function completeWithStarted(op: IAsyncOperationWithProgress<number, number>): void {
  const handler = op.completed as unknown as (asyncInfo: unknown, status: AsyncStatus) => void;
  handler(op, AsyncStatus.started);
}

function expectIllegalCall(error: unknown): void {
  expect(error).toBeInstanceOf(IllegalMethodCallError);
  expect(error).toBeInstanceOf(AsyncError);
  expect((error as AsyncError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
}

describe.each(kinds)("foreign objects shaped as $name", (kind) => {
  const shape = { withProgress: kind.hasProgress, result: kind.hasResult ? 7 : undefined };

  it("toPromise rejects with an AsyncError when completed is called with status started", async () => {
    const f = foreign(shape);
    const promise = toPromise(f.op);
    completeWithStarted(f.op);
    expectIllegalCall(await rejection(promise));
  });

  it("whenAll and whenAny end in error with that AsyncError instead of waiting forever", async () => {
    const a = foreign(shape);
    const b = foreign(shape);
    const all = whenAll([a.op]);
    const any = whenAny([b.op]);
    await microtasks();
    completeWithStarted(a.op);
    completeWithStarted(b.op);
    expectIllegalCall(await rejection(all));
    expectIllegalCall(await rejection(any));
    expect(all.status).toBe(AsyncStatus.error);
    expect(any.status).toBe(AsyncStatus.error);
  });

  it("ignores a later, proper completion once the broken one failed the promise", async () => {
    const f = foreign(shape);
    const promise = toPromise(f.op);
    completeWithStarted(f.op);
    f.finish(AsyncStatus.completed, 7);
    expectIllegalCall(await rejection(promise));
  });
});

describe.each(progressKinds)("foreign objects shaped as $name (progress)", (kind) => {
  const shape = { withProgress: true, result: kind.hasResult ? 7 : undefined };

  it("drops progress a foreign object reports after it completed (toPromise, progressUpdates)", async () => {
    const f = foreign(shape);
    const seen: number[] = [];
    const promise = toPromise(f.op, { onProgress: (value: number) => seen.push(value) });
    f.report(1);
    f.finish(AsyncStatus.completed, 7);
    f.report(2);
    await promise;
    expect(seen).toEqual([1]);

    const g = foreign(shape);
    const iterated: number[] = [];
    const iteration = (async () => {
      for await (const value of progressUpdates(g.op)) iterated.push(value);
    })();
    g.report(1);
    await microtasks();
    g.finish(AsyncStatus.completed, 7);
    g.report(2);
    await iteration;
    expect(iterated).toEqual([1]);
  });

  it("drops progress reported while the object already says it ended, before it calls completed", async () => {
    const f = foreign(shape);
    const seen: number[] = [];
    const promise = toPromise(f.op, { onProgress: (value: number) => seen.push(value) });
    const handler = f.op.completed as unknown as (asyncInfo: unknown, status: AsyncStatus) => void;
    f.report(1);
    // The object ends (its status says so) but reports once more before it calls its completed handler.
    Object.defineProperty(f.op, "status", { get: () => AsyncStatus.completed, configurable: true });
    Object.defineProperty(f.op, "getResults", { value: () => 7, configurable: true });
    f.report(2);
    handler(f.op, AsyncStatus.completed);
    await promise;
    expect(seen).toEqual([1]);
  });
});
