// toWinJS under hostile values (DESIGN 4.7 #4): a bridge wrapper that rejects with a revoked Proxy errors the view
// with that Proxy (it used to stay pending forever); a foreign object whose members throw is refused with a TypeError.
import { describe, expect, it } from "vitest";
import { toWinJS, type WinJSPromise } from "../../src/winjs/index.js";

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function settled(view: WinJSPromise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  return new Promise((resolve) => {
    view.then(
      (value) => resolve({ ok: true, value }),
      (error: unknown) => resolve({ ok: false, value: error }),
    );
  });
}

describe("toWinJS and hostile values", () => {
  it("a wrapper rejecting with a revoked Proxy errors the view with it", async () => {
    const proxy = revokedProxy();
    const wrapper = {
      then(_onComplete: unknown, onError: (reason: unknown) => void): void {
        onError(proxy);
      },
      cancel(): void {},
    };
    const outcome = await settled(toWinJS(wrapper));
    expect(outcome.ok).toBe(false);
    // Compared by identity: printing or deep-comparing a revoked Proxy throws.
    expect(outcome.value === proxy).toBe(true);
  });

  it("a wrapper rejecting later with a revoked Proxy errors the view too", async () => {
    const proxy = revokedProxy();
    let reject!: (reason: unknown) => void;
    const wrapper = {
      then(_onComplete: unknown, onError: (reason: unknown) => void): void {
        reject = onError;
      },
      cancel(): void {},
    };
    const view = toWinJS(wrapper);
    reject(proxy);
    const outcome = await settled(view);
    expect(outcome.value === proxy).toBe(true);
  });

  it("a revoked Proxy, or an object whose status getter throws, is refused with a TypeError", () => {
    expect(() => toWinJS(revokedProxy() as never)).toThrow(TypeError);
    const throwing = {
      get status(): never {
        throw new Error("status getter");
      },
      completed: null,
      getResults(): void {},
      cancel(): void {},
    };
    expect(() => toWinJS(throwing as never)).toThrow(TypeError);
  });
});
