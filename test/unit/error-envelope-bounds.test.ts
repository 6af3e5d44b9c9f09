// DESIGN 4.7 rule 10, the envelope itself (src/remote/error-envelope.ts, shared by the worker pool and the BullMQ
// job outcome): a decoded error's own data never shadows a member every error inherits, so printing it never
// throws; decoding holds a received envelope to the bounds encoding keeps to (256 keys per object both ways).
import { describe, expect, it } from "vitest";
import { AsyncError, CanceledError } from "../../src/index.js";
import { decodeError, encodeError } from "../../src/remote/error-envelope.js";

const base = { thrown: "error", name: "Error", message: "boom", hresult: -2147467259 } as const;

/** A plain object with `n` keys k0..k(n-1). */
const keys = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe("error envelope: safe to print, bounded both ways", () => {
  it("data named after an inherited member is not defined on the decoded error; String and template work", () => {
    const forged = {
      ...base,
      data: { toString: "x", valueOf: 1, toJSON: { a: 1 }, toLocaleString: "y", hasOwnProperty: 2, code: "E_CFG" },
    };
    for (const name of ["Error", "TypeError", "CanceledError", "HrError"]) {
      const error = decodeError({ ...forged, name }) as Error & { code?: unknown };
      expect(Object.hasOwn(error, "toString")).toBe(false);
      expect(Object.hasOwn(error, "valueOf")).toBe(false);
      expect(Object.hasOwn(error, "toJSON")).toBe(false);
      expect(Object.hasOwn(error, "hasOwnProperty")).toBe(false);
      expect(String(error)).toBe(`${name}: boom`);
      expect(`${error}`).toBe(`${name}: boom`);
      expect(() => JSON.stringify(error)).not.toThrow();
      expect(error.code).toBe("E_CFG");
    }
    const nested = decodeError({ ...base, cause: { ...forged, name: "Inner" } }) as Error;
    expect(String(nested.cause)).toBe("Inner: boom");
  });

  it("encoding leaves out own data that would shadow an inherited member", () => {
    const error = Object.assign(new Error("boom"), { toString: "x", valueOf: 3, code: 7 });
    const envelope = encodeError(error);
    expect(envelope.data).toEqual({ code: 7 });
    expect(String(decodeError(envelope))).toBe("Error: boom");
  });

  it("at most 256 data keys cross: encoding keeps 256, decoding refuses 257", () => {
    const encoded = encodeError(Object.assign(new Error("many"), keys(300)));
    expect(Object.keys(encoded.data ?? {})).toHaveLength(256);
    expect(Object.keys(decodeError(encoded) as object)).toHaveLength(256);
    expect(() => decodeError({ ...base, data: keys(257) })).toThrow(TypeError);
    expect(() => decodeError({ ...base, data: { nested: keys(257) } })).toThrow(TypeError);
    expect(() => decodeError({ thrown: "value", name: "", message: "", hresult: 0, value: keys(257) })).toThrow(TypeError);
  });

  it("decoding refuses what encoding never produces: deep nesting, long arrays, too many inner errors, non-JSON data", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 12; i++) deep = { deep };
    expect(() => decodeError({ ...base, data: { deep } })).toThrow(TypeError);
    expect(() => decodeError({ ...base, data: { list: new Array(5000).fill(0) } })).toThrow(TypeError);
    const errors = Array.from({ length: 33 }, () => ({ ...base }));
    expect(() => decodeError({ ...base, name: "AggregateError", errors })).toThrow(TypeError);
    expect(() => decodeError({ ...base, data: { when: new Map() } })).toThrow(TypeError);
    // What the encoder produced at its bounds still decodes.
    const wide = encodeError(new AggregateError(Array.from({ length: 40 }, () => new CanceledError()), "many"));
    expect((decodeError(wide) as AggregateError).errors).toHaveLength(32);
    const big = encodeError(Object.assign(new AsyncError("big"), { list: new Array(10_000).fill(1), deep }));
    expect(decodeError(big)).toBeInstanceOf(AsyncError);
  });
});
