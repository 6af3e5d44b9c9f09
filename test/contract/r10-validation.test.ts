// Issue 8 item 10: validation says what was expected and what came, without calling into the bad argument.
// progressUpdates on a kind without progress throws a TypeError that says so; a TypeError about a bad argument
// runs no getter and no Proxy trap of it (building the message included); AsyncError's `hresult` option takes a
// 32-bit integer (signed, or unsigned as 0x80004005) or throws TypeError (a code that became 0 would read S_OK).
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  HResult,
  delay,
  onUnobservedError,
  progressUpdates,
  whenAll,
  withTimeout,
  type IAsyncOperationWithProgress,
} from "../../src/index.js";
import { asProgress, kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";

/** A Proxy that records every trap run on it and then throws from it. */
function spy(): { value: object; traps: string[] } {
  const traps: string[] = [];
  const handler = new Proxy(
    {},
    {
      get(_target, trap: string) {
        return () => {
          traps.push(trap);
          throw new Error(`trap ${trap}`);
        };
      },
    },
  );
  return { value: new Proxy({}, handler), traps };
}

describe.each(kinds)("$name", (kind) => {
  it(kind.hasProgress ? "progressUpdates accepts this kind" : "progressUpdates throws a TypeError for a kind without progress", () => {
    const op = kind.run(() => gate().promise);
    const call = (): unknown => progressUpdates(op as unknown as IAsyncOperationWithProgress<unknown, number>);
    if (kind.hasProgress) expect(call).not.toThrow();
    else expect(call).toThrow(TypeError);
    op.cancel();
  });

  it("a TypeError about a bad argument runs no getter or trap of it", () => {
    const op = kind.run((ctx) => {
      const bad = spy();
      expect(() => ctx.onCancel(bad.value as never)).toThrow(TypeError);
      expect(bad.traps).toEqual([]);
      return gate().promise;
    });
    const calls: Array<[string, (value: object) => unknown]> = [
      ["run body", (value) => kind.run(value as never)],
      ["completed", (value) => ((op as { completed: unknown }).completed = value)],
      ["options.description", (value) => kind.run(() => 1, { description: value as never })],
      ["delay milliseconds", (value) => delay(value as never)],
      ["withTimeout milliseconds", (value) => withTimeout(op, value as never)],
      ["onUnobservedError", (value) => onUnobservedError(value as never)],
      ["whenAll options", (value) => whenAll([op], { description: value as never })],
    ];
    if (kind.hasProgress) {
      calls.push(["onProgress", (value) => asProgress(op).onProgress(value as never)]);
      calls.push(["progress", (value) => (asProgress(op).progress = value as never)]);
    }
    for (const [label, call] of calls) {
      const bad = spy();
      expect(call.bind(null, bad.value), label).toThrow(TypeError);
      expect(bad.traps, label).toEqual([]);
    }
    op.cancel();
  });
});

describe.each(kinds)("foreign objects shaped as $name", (kind) => {
  it(
    kind.hasProgress
      ? "progressUpdates accepts a foreign object with a progress property"
      : "progressUpdates throws a TypeError for a foreign object without a progress property",
    () => {
      const f = foreign({ withProgress: kind.hasProgress });
      const call = (): unknown => progressUpdates(f.op);
      if (kind.hasProgress) expect(call).not.toThrow();
      else expect(call).toThrow(TypeError);
      expect(f.counts.completed).toBe(kind.hasProgress ? 1 : 0);
    },
  );
});

describe("AsyncError options.hresult", () => {
  it.each([
    ["a string", "abc"],
    ["a numeric string", "5"],
    ["a fraction", 1.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["beyond 32 bits", 2 ** 32],
    ["below -2^31", -(2 ** 31) - 1],
    ["null", null],
    ["a bigint", 5n],
  ])("throws TypeError for %s", (_label, hresult) => {
    expect(() => new AsyncError("bad", { hresult: hresult as never })).toThrow(TypeError);
  });

  it.each([
    ["a signed code", HResult.E_FAIL, HResult.E_FAIL],
    ["an unsigned code", 0x80004005, HResult.E_FAIL],
    ["zero", 0, 0],
    ["the largest unsigned", 0xffffffff, -1],
  ])("takes %s as a signed 32-bit integer", (_label, hresult, expected) => {
    expect(new AsyncError("ok", { hresult }).hresult).toBe(expected);
  });

  it("defaults to E_FAIL when absent", () => {
    expect(new AsyncError("plain").hresult).toBe(HResult.E_FAIL);
    expect(new AsyncError("plain", {}).hresult).toBe(HResult.E_FAIL);
  });
});
