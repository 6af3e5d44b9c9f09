// Reading an `AbortSignal` through the platform's own accessors: a signal given to us is user data, and its own
// properties (`aborted`, `reason`, `addEventListener` replaced on the instance, or a look-alike object) must not
// be able to make `cancel()` throw or an awaiter wait forever. Brand-checked getters accept real signals only.

type Getter = (this: unknown) => unknown;
type ListenerMethod = (this: unknown, type: string, listener: () => void) => void;

const signalPrototype: object | undefined =
  typeof AbortSignal === "function" ? AbortSignal.prototype : undefined;
const abortedGetter = getter(signalPrototype, "aborted");
const reasonGetter = getter(signalPrototype, "reason");
const targetPrototype: object | undefined =
  typeof EventTarget === "function" ? EventTarget.prototype : undefined;
const addListener = method(targetPrototype, "addEventListener");
const removeListener = method(targetPrototype, "removeEventListener");

function getter(prototype: object | undefined, name: string): Getter | undefined {
  const descriptor = prototype === undefined ? undefined : Object.getOwnPropertyDescriptor(prototype, name);
  const get: unknown = descriptor === undefined ? undefined : Reflect.get(descriptor, "get");
  return typeof get === "function" ? (get as Getter) : undefined;
}

function method(prototype: object | undefined, name: string): ListenerMethod | undefined {
  const value: unknown = prototype === undefined ? undefined : Object.getOwnPropertyDescriptor(prototype, name)?.value;
  return typeof value === "function" ? (value as ListenerMethod) : undefined;
}

/**
 * True for a real `AbortSignal` (of this realm's platform: the brand check of its `aborted` getter). Never throws
 * and runs no code of `value`. Where the runtime has no `AbortSignal`, anything with `aborted` and the two
 * listener methods.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== "object" || value === null) return false;
  if (abortedGetter === undefined) {
    try {
      const candidate = value as AbortSignal;
      return (
        typeof candidate.aborted === "boolean" &&
        typeof candidate.addEventListener === "function" &&
        typeof candidate.removeEventListener === "function"
      );
    } catch {
      return false;
    }
  }
  try {
    abortedGetter.call(value);
    return true;
  } catch {
    return false;
  }
}

/** `signal.aborted` as the platform keeps it. */
export function signalAborted(signal: AbortSignal): boolean {
  return abortedGetter === undefined ? signal.aborted : abortedGetter.call(signal) === true;
}

/** `signal.reason` as the platform keeps it. */
export function signalReason(signal: AbortSignal): unknown {
  return reasonGetter === undefined ? signal.reason : reasonGetter.call(signal);
}

/** Adds an "abort" listener with the platform's own `addEventListener`. */
export function addAbortListener(signal: AbortSignal, listener: () => void): void {
  if (addListener === undefined) signal.addEventListener("abort", listener);
  else addListener.call(signal, "abort", listener);
}

/** Removes an "abort" listener with the platform's own `removeEventListener`. Never throws. */
export function removeAbortListener(signal: AbortSignal, listener: () => void): void {
  try {
    if (removeListener === undefined) signal.removeEventListener("abort", listener);
    else removeListener.call(signal, "abort", listener);
  } catch {
    // Only a look-alike signal (no platform EventTarget) can get here; its listener is its own business.
  }
}
