// Hostile values never escape the WinJS view (DESIGN 4.7 #4): an error value that is a revoked Proxy travels like any
// other error (done() reports it instead of throwing into its caller; join and any fail with it instead of staying
// pending; the error event fires for it), and a value whose `then` getter throws fails the promise with what it threw
// instead of throwing from `as`, `wrap` or a `complete` call; `is` says false. Statics documented never to throw do not.
import { afterEach, describe, expect, it } from "vitest";
import { WinJSPromise, type WinJSErrorEvent } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { deferred } from "../helpers/work-queue.js";

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function throwingThen(error: unknown): object {
  return {
    get then(): never {
      throw error;
    },
  };
}

/** What a promise settled with, read synchronously (WinJS delivery). */
function outcomeOf(promise: WinJSPromise<unknown>): { ok: boolean; value: unknown } | "pending" {
  let outcome: { ok: boolean; value: unknown } | "pending" = "pending";
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, value: error }),
  );
  return outcome;
}

let listener: ((event: WinJSErrorEvent) => void) | undefined;

afterEach(() => {
  if (listener !== undefined) WinJSPromise.removeEventListener("error", listener);
  listener = undefined;
});

describe("hostile values in the WinJS view", () => {
  it("done() on a promise failed with a revoked Proxy returns, and reports the Proxy", () => {
    const reported = captureListenerErrors();
    const proxy = revokedProxy();
    expect(() => WinJSPromise.wrapError(proxy).done()).not.toThrow();
    const source = deferred<number>();
    source.promise.done();
    expect(() => source.fail(proxy)).not.toThrow();
    // Compared by identity: printing or deep-comparing a revoked Proxy throws.
    expect(reported).toHaveLength(2);
    expect(reported.every((value) => value === proxy)).toBe(true);
  });

  it("join fails with the revoked Proxy under its key, once every input settled", () => {
    captureListenerErrors();
    const proxy = revokedProxy();
    const other = deferred<number>();
    const joined = WinJSPromise.join([WinJSPromise.wrapError(proxy), other.promise]);
    expect(outcomeOf(joined)).toBe("pending");
    other.complete(1);
    const outcome = outcomeOf(joined);
    expect(outcome).toMatchObject({ ok: false });
    expect((outcome as { value: unknown[] }).value[0] === proxy).toBe(true);
  });

  it("any fails with the input that failed with a revoked Proxy", () => {
    captureListenerErrors();
    const proxy = revokedProxy();
    const failed = WinJSPromise.wrapError(proxy);
    const outcome = outcomeOf(WinJSPromise.any([failed, deferred<number>().promise]));
    expect(outcome).toEqual({ ok: false, value: { key: "0", value: failed } });
  });

  it("the error event fires for a revoked Proxy like for any error", () => {
    captureListenerErrors();
    const proxy = revokedProxy();
    const seen: unknown[] = [];
    listener = (event) => seen.push(event.detail.error);
    WinJSPromise.addEventListener("error", listener);
    expect(() => WinJSPromise.wrapError(proxy)).not.toThrow();
    expect(seen).toHaveLength(1);
    expect(seen[0] === proxy).toBe(true);
  });

  it("as, wrap and is never throw on a throwing then getter (as and wrap fail with what it threw, is says false)", () => {
    captureListenerErrors();
    const boom = new Error("then getter");
    const hostile = throwingThen(boom);
    expect(WinJSPromise.is(hostile)).toBe(false);
    expect(outcomeOf(WinJSPromise.as(hostile))).toEqual({ ok: false, value: boom });
    expect(outcomeOf(WinJSPromise.wrap(hostile))).toEqual({ ok: false, value: boom });
    const proxy = revokedProxy();
    expect(WinJSPromise.is(proxy)).toBe(false);
    expect(outcomeOf(WinJSPromise.as(proxy))).toMatchObject({ ok: false, value: expect.any(TypeError) });
    expect(outcomeOf(WinJSPromise.wrap(proxy))).toMatchObject({ ok: false, value: expect.any(TypeError) });
  });

  it("complete() with a hostile value fails the promise instead of throwing into the caller", () => {
    captureListenerErrors();
    const boom = new Error("then getter");
    const source = deferred<number>();
    expect(() => source.complete(throwingThen(boom) as unknown as number)).not.toThrow();
    expect(outcomeOf(source.promise)).toEqual({ ok: false, value: boom });
    const other = deferred<number>();
    expect(() => other.complete(revokedProxy() as unknown as number)).not.toThrow();
    expect(outcomeOf(other.promise)).toMatchObject({ ok: false, value: expect.any(TypeError) });
  });

  it("a handler returning a hostile value fails its then() promise with what reading then threw", () => {
    captureListenerErrors();
    const boom = new Error("then getter");
    const source = deferred<number>();
    const child = source.promise.then(() => throwingThen(boom));
    source.complete(1);
    expect(outcomeOf(child)).toEqual({ ok: false, value: boom });
    expect(outcomeOf(WinJSPromise.wrap(1).then(() => throwingThen(boom)))).toEqual({ ok: false, value: boom });
  });

  it("canceling a promise that follows a thenable Proxy revoked since does not throw", () => {
    const reported = captureListenerErrors();
    const { proxy, revoke } = Proxy.revocable({ then() {}, cancel() {} }, {});
    const follower = WinJSPromise.wrap(proxy);
    revoke();
    expect(() => follower.cancel()).not.toThrow();
    expect(outcomeOf(follower)).toMatchObject({ ok: false, value: { name: "Canceled" } });
    expect(reported).toHaveLength(1);
  });
});
