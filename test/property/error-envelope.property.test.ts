// The error envelope (src/remote/error-envelope.ts) as properties over random error shapes: the envelope is
// plain data that survives JSON and structured clone unchanged; decoding it gives back the class (ours as ours,
// built-ins as themselves, others as AsyncError with the name), name, message, stack, hresult, own JSON data and
// the cause chain; a thrown non-Error comes back as its value; an envelope with a forbidden key anywhere is
// rejected with a TypeError and pollutes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  CanceledError,
  DisconnectedError,
  HResult,
  IllegalMethodCallError,
  TimeoutError,
  hresultOf,
} from "../../src/index.js";
import { decodeError, encodeError } from "../../src/remote/error-envelope.js";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const RESERVED = new Set(["name", "message", "stack", "cause", "hresult", "errors"]);

/** What the envelope keeps of JSON data: the value after a JSON round trip, without forbidden keys. */
function expectedJson(value: unknown): unknown {
  const strip = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(strip);
    if (typeof item === "object" && item !== null) {
      return Object.fromEntries(Object.entries(item).filter(([key]) => !FORBIDDEN.has(key)).map(([k, v]) => [k, strip(v)]));
    }
    return item;
  };
  return strip(JSON.parse(JSON.stringify(value)));
}

const classes = [
  { make: (m: string) => new Error(m), expected: Error },
  { make: (m: string) => new TypeError(m), expected: TypeError },
  { make: (m: string) => new RangeError(m), expected: RangeError },
  { make: (m: string) => new SyntaxError(m), expected: SyntaxError },
  { make: (m: string) => new CanceledError(m), expected: CanceledError },
  { make: (m: string) => new TimeoutError(m), expected: TimeoutError },
  { make: (m: string) => new DisconnectedError(m), expected: DisconnectedError },
  { make: (m: string) => new IllegalMethodCallError(m), expected: IllegalMethodCallError },
  { make: (m: string) => new AsyncError(m, { hresult: 0x80070005 }), expected: AsyncError },
  {
    make: (m: string) => {
      const error = new Error(m);
      error.name = "CustomError";
      return error;
    },
    expected: AsyncError,
  },
];

// Keys every error inherits (toString, valueOf, ...) are never carried: they would shadow the member.
const dataKey = fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !RESERVED.has(key) && !(key in Error.prototype) && key !== "toJSON");
const errorShape = fc.letrec((tie) => ({
  error: fc.record({
    kind: fc.integer({ min: 0, max: classes.length - 1 }),
    message: fc.string({ maxLength: 30 }),
    data: fc.dictionary(dataKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    hresult: fc.option(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { nil: undefined }),
    cause: fc.option(fc.oneof({ depthSize: "small" }, tie("error"), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
  }),
}));

type Shape = { kind: number; message: string; data: Record<string, unknown>; hresult: number | undefined; cause: unknown };

function build(shape: Shape): Error {
  const error = classes[shape.kind]!.make(shape.message);
  for (const [key, value] of Object.entries(shape.data)) {
    Object.defineProperty(error, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (shape.hresult !== undefined && shape.kind < 4) (error as { hresult?: number }).hresult = shape.hresult;
  if (shape.cause !== undefined) {
    const cause = isShape(shape.cause) ? build(shape.cause) : shape.cause;
    Object.defineProperty(error, "cause", { value: cause, writable: true, configurable: true });
  }
  return error;
}

function isShape(value: unknown): value is Shape {
  return typeof value === "object" && value !== null && "kind" in value && "message" in value && "data" in value;
}

function expectRebuilt(decoded: unknown, original: unknown, shape: unknown): void {
  if (!isShape(shape)) {
    expect(decoded).toEqual(expectedJson(original));
    return;
  }
  const source = original as Error;
  expect(decoded).toBeInstanceOf(classes[shape.kind]!.expected);
  const error = decoded as Error;
  expect(error.name).toBe(source.name);
  expect(error.message).toBe(source.message);
  expect(error.stack).toBe(source.stack);
  expect(hresultOf(error)).toBe(hresultOf(source));
  for (const [key, value] of Object.entries(shape.data)) {
    if (FORBIDDEN.has(key)) continue;
    expect((error as unknown as Record<string, unknown>)[key]).toEqual(expectedJson(value));
  }
  if (shape.cause === undefined) expect("cause" in error).toBe(false);
  else expectRebuilt(error.cause, source.cause, shape.cause);
}

describe("the error envelope", () => {
  it("is JSON-safe and cloneable, and decodes to the same class, fields, data and cause chain", () => {
    fc.assert(
      fc.property(errorShape.error, (shape) => {
        const original = build(shape as Shape);
        const envelope = encodeError(original);
        const viaJson = JSON.parse(JSON.stringify(envelope)) as unknown;
        expect(viaJson).toEqual(envelope);
        expect(structuredClone(envelope)).toEqual(envelope);
        expectRebuilt(decodeError(viaJson), original, shape);
        expectRebuilt(decodeError(structuredClone(envelope)), original, shape);
      }),
      { numRuns: 300 },
    );
  });

  it("a thrown non-Error comes back as its JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const decoded = decodeError(JSON.parse(JSON.stringify(encodeError(value))));
        expect(decoded).toEqual(expectedJson(value));
      }),
    );
  });

  it("an envelope with a forbidden key anywhere is rejected with a TypeError and pollutes nothing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("__proto__", "constructor", "prototype"),
        fc.constantFrom("data", "cause.data", "data.nested", "value"),
        (key, where) => {
          const forged = `{"polluted":true}`;
          const json =
            where === "data"
              ? `{"thrown":"error","name":"Error","message":"m","hresult":1,"data":{"${key}":${forged}}}`
              : where === "cause.data"
                ? `{"thrown":"error","name":"Error","message":"m","hresult":1,"cause":{"thrown":"error","name":"TypeError","message":"c","hresult":1,"data":{"${key}":${forged}}}}`
                : where === "data.nested"
                  ? `{"thrown":"error","name":"Error","message":"m","hresult":1,"data":{"ok":{"${key}":${forged}}}}`
                  : `{"thrown":"value","name":"","message":"m","hresult":1,"value":{"${key}":${forged}}}`;
          expect(() => decodeError(JSON.parse(json))).toThrow(TypeError);
          expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        },
      ),
    );
  });

  it("never throws while encoding hostile values, and rejects malformed envelopes with a TypeError", () => {
    const hostile = new Proxy(new Error("x"), {
      get() {
        throw new Error("getter");
      },
    });
    const cyclic = new Error("cycle") as Error & { cause?: unknown; self?: unknown };
    cyclic.cause = cyclic;
    cyclic.self = { back: cyclic };
    expect(() => encodeError(hostile)).not.toThrow();
    expect(decodeError(JSON.parse(JSON.stringify(encodeError(cyclic))))).toBeInstanceOf(Error);
    for (const bad of [null, 1, [], { thrown: "error" }, { thrown: "x", name: "", message: "", hresult: 0 }, { thrown: "error", name: "E", message: "m", hresult: 1.5 }]) {
      expect(() => decodeError(bad)).toThrow(TypeError);
    }
    expect(hresultOf(decodeError(encodeError(new CanceledError())))).toBe(HResult.ERROR_CANCELLED);
  });
});
