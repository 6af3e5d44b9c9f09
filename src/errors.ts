import { HResult } from "./hresult.js";
import { brandClass } from "./brand.js";
import { describe } from "./describe.js";

/** Options accepted by every `AsyncError` constructor: `ErrorOptions` (`cause`) and, on the base class, an HRESULT. */
export interface AsyncErrorOptions extends ErrorOptions {
  /** The HRESULT to carry; only the base `AsyncError` reads it (subclasses have fixed codes). Default `E_FAIL`. */
  readonly hresult?: number;
}

/**
 * Base class of every error this library creates. Carries the HRESULT of the failure as a signed 32-bit
 * integer in `hresult` (the same value `WinRTError.number` carries) and passes `cause` through as `Error` does.
 * The constructor throws `TypeError` only for an `hresult` option that is not a 32-bit integer (signed, or
 * unsigned as in `0x80004005`): a code that silently became 0 would read as `S_OK`, success.
 */
export class AsyncError extends Error {
  /** The failure's HRESULT, a signed 32-bit integer (`HResult.E_FAIL` unless given). */
  readonly hresult: number;

  constructor(message?: string, options?: AsyncErrorOptions) {
    const hresult = options?.hresult;
    if (hresult !== undefined && !isInt32Code(hresult)) {
      throw new TypeError(`AsyncError options.hresult must be a 32-bit integer, got ${describe(hresult)}`);
    }
    super(message, options);
    this.hresult = hresult === undefined ? HResult.E_FAIL : hresult | 0;
  }
}

/** Raised for an operation that was canceled (`ERROR_CANCELLED`, 0x800704C7). `isCanceledError` accepts it. */
export class CanceledError extends AsyncError {
  constructor(message = "The operation was canceled.", options?: ErrorOptions) {
    super(message, withCode(options, HResult.ERROR_CANCELLED));
  }
}

/** Raised when a member is called in a state that does not allow it (`E_ILLEGAL_METHOD_CALL`, 0x8000000E). */
export class IllegalMethodCallError extends AsyncError {
  constructor(message = "A method was called at an unexpected time.", options?: ErrorOptions) {
    super(message, withCode(options, HResult.E_ILLEGAL_METHOD_CALL));
  }
}

/** Raised by `close()` on an operation that is still running (`E_ILLEGAL_STATE_CHANGE`, 0x8000000D). */
export class IllegalStateChangeError extends AsyncError {
  constructor(message = "An illegal state change was requested.", options?: ErrorOptions) {
    super(message, withCode(options, HResult.E_ILLEGAL_STATE_CHANGE));
  }
}

/** Raised by a second assignment of `completed` (`E_ILLEGAL_DELEGATE_ASSIGNMENT`, 0x80000018). */
export class IllegalDelegateAssignmentError extends AsyncError {
  constructor(message = "A delegate was assigned when not allowed.", options?: ErrorOptions) {
    super(message, withCode(options, HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT));
  }
}

/** Raised when an operation ran out of time (`ERROR_TIMEOUT`, 0x800705B4). Not a cancellation. */
export class TimeoutError extends AsyncError {
  constructor(message = "The operation timed out.", options?: ErrorOptions) {
    super(message, withCode(options, HResult.ERROR_TIMEOUT));
  }
}

function withCode(options: ErrorOptions | undefined, hresult: number): AsyncErrorOptions {
  return options === undefined || !("cause" in options) ? { hresult } : { cause: options.cause, hresult };
}

// `name` lives on each prototype (not as an own property of every instance) and is spelled out, so a
// minifier that renames classes cannot change it. The brand makes `instanceof` recognize errors of another copy
// of this library too (the ESM and CommonJS builds in one process).
for (const [ctor, name] of [
  [AsyncError, "AsyncError"],
  [CanceledError, "CanceledError"],
  [IllegalMethodCallError, "IllegalMethodCallError"],
  [IllegalStateChangeError, "IllegalStateChangeError"],
  [IllegalDelegateAssignmentError, "IllegalDelegateAssignmentError"],
  [TimeoutError, "TimeoutError"],
] as const) {
  Object.defineProperty(ctor.prototype, "name", { value: name, writable: true, configurable: true });
  brandClass(ctor, name);
}

/**
 * True for an error that means "canceled": a `CanceledError` (also one from another copy of this library),
 * any error named `"AbortError"` (DOMException, Node), the WinJS convention (`name === "Canceled"`), and any
 * object whose HRESULT (`hresultOf` reads it: `hresult`, `number` as react-native-winrt's plain error objects
 * and `WinRTError` carry it, or `HRESULT` as NodeRT's errors do) is `ERROR_CANCELLED`. Never throws.
 */
export function isCanceledError(error: unknown): boolean {
  try {
    if (error instanceof CanceledError) return true;
    if (typeof error !== "object" || error === null) return false;
    const name = (error as { name?: unknown }).name;
    if (name === "AbortError" || name === "Canceled") return true;
    return ownCode(error) === HResult.ERROR_CANCELLED;
  } catch {
    // A throwing getter or a revoked Proxy: whatever it is, it does not identify itself as a cancellation.
    return false;
  }
}

/**
 * The HRESULT of any thrown value, as a signed 32-bit integer: an `AsyncError`'s `hresult`; else the first
 * numeric `hresult`, `number` (a WinRT projection's `WinRTError`, react-native-winrt's error objects) or `HRESULT`
 * (NodeRT's errors) property; else `ERROR_CANCELLED` for anything `isCanceledError` accepts; else `E_FAIL`.
 * Never throws.
 */
export function hresultOf(error: unknown): number {
  try {
    if (error instanceof AsyncError) return error.hresult;
    if (typeof error === "object" && error !== null) {
      const own = ownCode(error);
      if (own !== undefined) return own;
    }
  } catch {
    // A throwing getter or a revoked Proxy carries no readable code.
    return HResult.E_FAIL;
  }
  return isCanceledError(error) ? HResult.ERROR_CANCELLED : HResult.E_FAIL;
}

/** The first numeric `hresult`, `number` or `HRESULT` property of `error`, signed. May throw (getters). */
function ownCode(error: object): number | undefined {
  return (
    numericCode((error as { hresult?: unknown }).hresult) ??
    numericCode((error as { number?: unknown }).number) ??
    numericCode((error as { HRESULT?: unknown }).HRESULT)
  );
}

/** A number that is a 32-bit code, signed or unsigned (`-0x80000000` to `0xFFFFFFFF`, an integer). */
function isInt32Code(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= -0x80000000 && value <= 0xffffffff;
}

function numericCode(value: unknown): number | undefined {
  // Accept both the signed form and the unsigned form (0x80070057) that some bindings produce.
  return isInt32Code(value) ? value | 0 : undefined;
}

// `ErrorOptions` (`cause`) is declared by `lib: es2022.error`; declaring it here as that lib does (identical
// members merge) lets a consumer whose lib is older (`target: "ES2020"`) compile against the package too.
declare global {
  interface ErrorOptions {
    cause?: unknown;
  }
}
