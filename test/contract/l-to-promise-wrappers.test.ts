// DESIGN 4.4 interop inputs at run time: toPromise, wait and the combinators accept the promise wrappers today's
// bridges hand out (a thenable with cancel): the result through then; progress through .progress(callback), else
// done's third argument, else then's third argument (one channel, no duplicates); cancel forwarded into the
// wrapper; a cancellation in any known shape arrives as a CanceledError caused by it; the wrapped operation's
// completed slot is never assigned by us (react-native-winrt's is taken from the start).
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, toPromise, wait, whenAll, whenAny, withTimeout } from "../../src/index.js";
import { bridges } from "../helpers/wrappers.js";
import { rejection } from "../helpers/caught.js";
import { captureUnobserved, settle } from "../helpers/fixtures.js";

type Wrapper = Parameters<typeof toPromise<unknown>>[0];

describe.each(bridges)("$name", (bridge) => {
  it("toPromise resolves with the result", async () => {
    const { wrapper, source } = bridge.make();
    const promise = toPromise(wrapper as Wrapper);
    source.finish(AsyncStatus.completed, 42);
    expect(await promise).toBe(42);
  });

  it("toPromise delivers each progress value once, in order, and none after the promise settled", async () => {
    const { wrapper, source } = bridge.make();
    const seen: unknown[] = [];
    const promise = toPromise(wrapper as Wrapper, { onProgress: (value) => seen.push(value) });
    source.report(1);
    source.report(2);
    source.finish(AsyncStatus.completed, 3);
    await promise;
    source.report(4);
    expect(seen).toEqual([1, 2]);
  });

  it("toPromise with a signal calls the wrapper's cancel() and rejects with a CanceledError caused by the reason", async () => {
    const { wrapper, source } = bridge.make();
    const controller = new AbortController();
    const promise = toPromise(wrapper as Wrapper, { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as Error).cause).toBe(reason);
    expect(source.counts.cancel).toBe(1);
    expect(source.op.status).toBe(AsyncStatus.canceled);
  });

  if (bridge.cancellationRecognizable) {
    it("toPromise turns the wrapper's own cancellation into a CanceledError whose cause is what it rejected with", async () => {
      const { wrapper, source } = bridge.make();
      const promise = toPromise(wrapper as Wrapper);
      (wrapper as { cancel(): void }).cancel();
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(CanceledError);
      expect((error as Error).cause).toBeDefined();
      expect(source.op.status).toBe(AsyncStatus.canceled);
    });
  }

  it("assigns the wrapped operation's completed slot at most once, and only the wrapper does", async () => {
    const { wrapper, source } = bridge.make();
    const first = toPromise(wrapper as Wrapper);
    const second = toPromise(wrapper as Wrapper, { onProgress: () => undefined });
    source.finish(AsyncStatus.completed, 1);
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(source.counts.completed).toBe(1);
  });

  it("a failure arrives as itself", async () => {
    const { wrapper, source } = bridge.make();
    const promise = toPromise(wrapper as Wrapper);
    source.finish(AsyncStatus.error, new Error("failed"));
    const error = await rejection(promise);
    expect(error).not.toBeInstanceOf(CanceledError);
  });

  it("whenAll and withTimeout take wrappers as inputs and cancel them when they lose", async () => {
    const unobserved = captureUnobserved();
    const a = bridge.make();
    const b = bridge.make();
    const all = whenAll([a.wrapper as Wrapper, AsyncOperation.fromError(new Error("first"))]);
    await rejection(all);
    expect(a.source.counts.cancel).toBe(1);
    const timed = withTimeout(b.wrapper as Wrapper, 0);
    await rejection(timed);
    expect(b.source.counts.cancel).toBe(1);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("whenAny resolves with the first wrapper to finish", async () => {
    const a = bridge.make();
    const b = bridge.make();
    const any = whenAny([a.wrapper as Wrapper, b.wrapper as Wrapper]);
    b.source.finish(AsyncStatus.completed, "b");
    expect(await any).toBe("b");
    expect(a.source.counts.cancel).toBe(1);
  });

  it("a coroutine awaits it with yield* wait", async () => {
    const { wrapper, source } = bridge.make();
    const op = AsyncOperation.run(function* () {
      const value = yield* wait(wrapper as Wrapper);
      return value;
    });
    source.finish(AsyncStatus.completed, "done");
    expect(await op).toBe("done");
  });
});

describe("toPromise on other inputs", () => {
  it("accepts a raw WinRT-shaped object without id, errorCode or close", async () => {
    let handler: ((info: unknown, status: number) => void) | null = null;
    let status = 0;
    const raw = {
      get status() {
        return status;
      },
      get completed() {
        return handler;
      },
      set completed(value: ((info: unknown, status: number) => void) | null) {
        handler = value;
      },
      getResults: () => "raw",
      cancel() {
        status = 2;
        handler?.(raw, 2);
      },
    };
    const promise = toPromise(raw);
    status = 1;
    handler!(raw, 1);
    expect(await promise).toBe("raw");
  });

  it("a wrapper whose then throws fails the promise instead of throwing", async () => {
    const boom = new Error("then threw");
    const wrapper = {
      then() {
        throw boom;
      },
      cancel() {
        /* nothing */
      },
    };
    expect(await rejection(toPromise(wrapper))).toBe(boom);
  });
});
