// withTimeout and delay leave no timer behind once they settle: a script using them (through the built package)
// ends and its process exits on its own, without waiting for the long timers it set. A leaked one-hour timer
// would keep the child alive until runScript's time limit kills it.
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const script = `
import { AsyncOperation, delay, whenAll, whenAny, withTimeout } from "winrt-async";
const HOUR = 3_600_000;

// Completes in time: the hour-long timeout must be cleared.
const fast = await withTimeout(AsyncOperation.run(async () => 42), HOUR);

// Times out: the input (an hour-long delay) is canceled and its timer cleared.
const slow = delay(HOUR);
const timedOut = await withTimeout(slow, 5).then(() => "no timeout", (error) => error.name);

// Canceled: its timer is cleared at once.
const canceled = delay(HOUR);
canceled.cancel();

// A signal that outlives everything: its listener is removed on settlement.
const controller = new AbortController();
await delay(1, { signal: controller.signal });

// Combinators cancel what they abandon: the hour-long delays are canceled.
const all = await whenAll([delay(HOUR), Promise.reject(new Error("x"))]).then(() => "ok", (error) => error.message);
const any = await whenAny([delay(HOUR), delay(1).then(() => "first")]);
const timedAll = await withTimeout(whenAll([delay(HOUR)]), 5).then(() => "ok", (error) => error.name);

console.log(JSON.stringify({ fast, timedOut, slow: slow.status, canceled: canceled.status, all, any, timedAll }));
`;

describe("withTimeout and delay leave no timer behind", () => {
  it("a script that used them exits by itself once everything settled", () => {
    const result = runScript(script, 8_000);
    expect(result.stderr).toBe("");
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      fast: 42,
      timedOut: "TimeoutError",
      slow: 2,
      canceled: 2,
      all: "x",
      any: "first",
      timedAll: "TimeoutError",
    });
  });
});
