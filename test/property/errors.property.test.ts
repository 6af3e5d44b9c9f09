// DESIGN 1.4 as properties: hresultOf gives an AsyncError's hresult (as a signed 32-bit integer), else a numeric
// hresult/number property, else ERROR_CANCELLED for what isCanceledError accepts, else E_FAIL; isCanceledError is
// true exactly for CanceledError, anything named "AbortError" and the WinJS "Canceled".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  CanceledError,
  HResult,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  TimeoutError,
  hresultOf,
  isCanceledError,
} from "../../src/index.js";

/** Any 32-bit code, in the signed form (.NET, WinRTError.number) or the unsigned form some bindings produce. */
const code32 = fc.oneof(
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.constantFrom(...Object.values(HResult), 0x80070057, 0x800704c7, 0x8000000e),
);

const subclasses = [
  { ctor: CanceledError, name: "CanceledError", hresult: HResult.ERROR_CANCELLED, canceled: true },
  { ctor: IllegalMethodCallError, name: "IllegalMethodCallError", hresult: HResult.E_ILLEGAL_METHOD_CALL, canceled: false },
  { ctor: IllegalStateChangeError, name: "IllegalStateChangeError", hresult: HResult.E_ILLEGAL_STATE_CHANGE, canceled: false },
  {
    ctor: IllegalDelegateAssignmentError,
    name: "IllegalDelegateAssignmentError",
    hresult: HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT,
    canceled: false,
  },
  { ctor: TimeoutError, name: "TimeoutError", hresult: HResult.ERROR_TIMEOUT, canceled: false },
] as const;

/** Names near the accepted ones, so the property probes the edges (case, spelling, other libraries' names). */
const nameArb = fc.oneof(
  fc.constantFrom(
    "AbortError",
    "Canceled",
    "CanceledError",
    "Error",
    "TimeoutError",
    "abortError",
    "canceled",
    "Cancelled",
    "CancelError",
    "OperationCanceledException",
    "",
  ),
  fc.string(),
);

/** Error-like values of many shapes: plain objects, Errors with a name, DOMExceptions, our own classes. */
const errorLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ name: nameArb }),
  fc.record({ name: nameArb, hresult: fc.constantFrom(HResult.ERROR_CANCELLED, HResult.E_FAIL) }),
  // react-native-winrt's plain error objects and NodeRT's errors carry the code as `number` / `HRESULT`.
  fc.record({ message: fc.string(), number: fc.constantFrom(HResult.ERROR_CANCELLED, HResult.E_FAIL, 0x800704c7) }),
  fc.record({ name: nameArb, HRESULT: fc.constantFrom(HResult.ERROR_CANCELLED, HResult.E_FAIL, 0x800704c7) }),
  fc.tuple(fc.string(), nameArb).map(([message, name]) => Object.assign(new Error(message), { name })),
  fc.tuple(fc.string(), nameArb).map(([message, name]) => new DOMException(message, name)),
  fc.tuple(fc.string(), fc.constantFrom(...subclasses)).map(([message, s]) => new s.ctor(message)),
  fc.string().map((message) => new AsyncError(message)),
  fc.anything(),
);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The accepted shapes, written out independently of the library. */
function acceptedAsCanceled(value: unknown): boolean {
  if (value instanceof CanceledError) return true;
  if (!isObject(value)) return false;
  const name = value["name"];
  if (name === "AbortError" || name === "Canceled") return true;
  // Anything whose HRESULT is ERROR_CANCELLED (a CanceledError of another copy of the library, a projection's
  // error object), read from `hresult`, `number` or `HRESULT` as hresultOf does, signed or unsigned.
  const code = [value["hresult"], value["number"], value["HRESULT"]].find((c) => typeof c === "number" && Number.isInteger(c) && c >= -0x80000000 && c <= 0xffffffff);
  return code !== undefined && ((code as number) | 0) === HResult.ERROR_CANCELLED;
}

describe("hresultOf", () => {
  it("returns (h | 0) for an AsyncError made with any 32-bit hresult h", () => {
    fc.assert(
      fc.property(fc.string(), code32, (message, h) => {
        const error = new AsyncError(message, { hresult: h });
        expect(error.hresult).toBe(h | 0);
        expect(hresultOf(error)).toBe(h | 0);
      }),
    );
  });

  it("returns the fixed code of each subclass, whatever the message and cause", () => {
    fc.assert(
      fc.property(fc.constantFrom(...subclasses), fc.string(), fc.anything(), (s, message, cause) => {
        const error = new s.ctor(message, { cause });
        expect(error).toBeInstanceOf(AsyncError);
        expect(error.name).toBe(s.name);
        expect(error.cause).toBe(cause);
        expect(error.hresult).toBe(s.hresult);
        expect(hresultOf(error)).toBe(s.hresult);
        expect(isCanceledError(error)).toBe(s.canceled);
      }),
    );
  });

  it("reads a numeric hresult or number property (a WinRTError), hresult first, in signed form", () => {
    fc.assert(
      fc.property(code32, code32, nameArb, (a, b, name) => {
        expect(hresultOf(Object.assign(new Error("x"), { number: a }))).toBe(a | 0);
        expect(hresultOf({ hresult: a })).toBe(a | 0);
        expect(hresultOf({ hresult: a, number: b, name })).toBe(a | 0);
      }),
    );
  });

  it("is ERROR_CANCELLED for accepted cancellations without a code of their own, else E_FAIL", () => {
    fc.assert(
      fc.property(errorLike, (value) => {
        fc.pre(!(value instanceof AsyncError));
        fc.pre(!isObject(value) || (!("hresult" in value) && !("number" in value) && !("HRESULT" in value)));
        expect(hresultOf(value)).toBe(acceptedAsCanceled(value) ? HResult.ERROR_CANCELLED : HResult.E_FAIL);
      }),
    );
  });

  it("always returns a signed 32-bit integer and never throws for ordinary values", () => {
    fc.assert(
      fc.property(fc.oneof(errorLike, fc.record({ hresult: fc.anything(), number: fc.anything() })), (value) => {
        const code = hresultOf(value);
        expect(Number.isInteger(code)).toBe(true);
        expect(code | 0).toBe(code);
      }),
    );
  });
});

describe("isCanceledError", () => {
  it("is true exactly for CanceledError, anything named AbortError, the WinJS Canceled and an ERROR_CANCELLED code", () => {
    fc.assert(
      fc.property(errorLike, (value) => {
        expect(isCanceledError(value)).toBe(acceptedAsCanceled(value));
      }),
    );
  });

  it("accepts the platform's own abort errors", () => {
    expect(isCanceledError(AbortSignal.abort().reason)).toBe(true);
    expect(isCanceledError(new DOMException("stop", "AbortError"))).toBe(true);
    expect(isCanceledError(new DOMException("late", "TimeoutError"))).toBe(false);
    expect(hresultOf(AbortSignal.abort().reason)).toBe(HResult.ERROR_CANCELLED);
  });
});

describe("hresultOf and isCanceledError never throw", () => {
  it("on throwing getters and revoked proxies", () => {
    const throwing = {
      get name(): string {
        throw new Error("getter");
      },
      get hresult(): number {
        throw new Error("getter");
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const value of [throwing, proxy]) {
      expect(isCanceledError(value)).toBe(false);
      expect(hresultOf(value)).toBe(HResult.E_FAIL);
    }
  });
});
