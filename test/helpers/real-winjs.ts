// WinJS 4.4's own WinJS.Promise (the `winjs` dev dependency), loaded into this realm for differential tests: the
// same program run on it and on WinJSPromise must log the same events. base.js expects a browser-like global (it
// reads `navigator.platform` while loading), so a minimal `navigator` is provided when the runtime has none.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";

/** The subset of WinJS.Promise's static side the differential tests use. */
export interface RealWinJSPromiseClass {
  new (init: (complete: (value?: unknown) => void, error: (error?: unknown) => void, progress: (value?: unknown) => void) => void, onCancel?: () => void): RealWinJSPromise;
  join(values: unknown): RealWinJSPromise;
  any(values: unknown): RealWinJSPromise;
  wrap(value?: unknown): RealWinJSPromise;
  wrapError(error: unknown): RealWinJSPromise;
}

/** A WinJS.Promise instance, as far as the tests use it. */
export interface RealWinJSPromise {
  then(onComplete?: ((value: unknown) => unknown) | null, onError?: ((error: unknown) => unknown) | null, onProgress?: ((value: unknown) => void) | null): RealWinJSPromise;
  cancel(): void;
}

let loaded: RealWinJSPromiseClass | undefined;

/** WinJS.Promise, loaded once per test file. */
export function realWinJSPromise(): RealWinJSPromiseClass {
  if (loaded !== undefined) return loaded;
  const host = globalThis as { navigator?: unknown; WinJS?: { Promise?: RealWinJSPromiseClass } };
  if (host.navigator === undefined) {
    Object.defineProperty(globalThis, "navigator", { value: { platform: "", userAgent: "node" }, configurable: true });
  }
  const require = createRequire(import.meta.url);
  vm.runInThisContext(readFileSync(require.resolve("winjs/js/base.js"), "utf8"), { filename: "winjs/js/base.js" });
  const promise = host.WinJS?.Promise;
  if (typeof promise !== "function") throw new Error("winjs/js/base.js did not define WinJS.Promise");
  loaded = promise;
  return promise;
}
