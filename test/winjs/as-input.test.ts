// The other direction: a WinJSPromise is a projection-style wrapper (a thenable with cancel), so the package root's
// consumers take it: toPromise (result, progress, signal -> cancel), whenAll, and a coroutine's yield.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, toPromise, wait, whenAll } from "../../src/index.js";
import { WinJSPromise } from "../../src/winjs/index.js";
import { rejection } from "../helpers/caught.js";
import { settle } from "../helpers/fixtures.js";
import { deferred } from "../helpers/work-queue.js";

describe("a WinJSPromise as an input of the root's consumers", () => {
  it("toPromise resolves with its value and passes its progress once each", async () => {
    const source = deferred<number>();
    const seen: unknown[] = [];
    const promise = toPromise(source.promise, { onProgress: (value) => seen.push(value) });
    source.progress(1);
    source.progress(2);
    source.complete(3);
    await expect(promise).resolves.toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it("toPromise with an aborted signal cancels the WinJSPromise", async () => {
    const source = deferred<number>();
    const controller = new AbortController();
    const promise = toPromise(source.promise, { signal: controller.signal });
    controller.abort();
    expect(await rejection(promise)).toBeInstanceOf(CanceledError);
    expect(source.cancels).toBe(1);
  });

  it("a WinJSPromise that errors Canceled makes toPromise reject with a CanceledError", async () => {
    const source = deferred<number>();
    const promise = toPromise(source.promise);
    source.promise.cancel();
    expect(await rejection(promise)).toBeInstanceOf(CanceledError);
  });

  it("whenAll takes WinJSPromises beside operations", async () => {
    const combined = whenAll([WinJSPromise.wrap(1), AsyncOperation.fromResult(2)]);
    await expect(combined).resolves.toEqual([1, 2]);
  });

  it("a coroutine waits for a WinJSPromise, and canceling the coroutine cancels it", async () => {
    const source = deferred<number>();
    const op = AsyncOperation.run(function* () {
      return (yield* wait(source.promise)) + 1;
    });
    await settle();
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(source.cancels).toBe(1);
  });
});
