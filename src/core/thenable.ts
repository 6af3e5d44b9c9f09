// Reading a thenable's `then` once (Promises/A+ 2.3.3.1, DESIGN 4.7 #3): every consumer that may meet a foreign
// thenable (a coroutine's `yield`, the combinators, `toPromise` of a wrapper, the producers that adopt a result) reads
// `then` here, exactly once, and follows the value through the function it read. A getter that throws on that read
// fails the consumer with what it threw; a getter that would throw on a later read is never reached, because there
// is no later read. One mechanism for all of them, so a fix to it reaches every consumer.

/** The `then` of a thenable, as read once: called with the thenable as `this`. */
export type ThenMethod = (this: unknown, onfulfilled: (value: unknown) => void, onrejected: (reason: unknown) => void) => unknown;

/**
 * Follows a thenable through the `then` read once: calls it (synchronously) with resolving functions that take
 * effect once (2.3.3.3.3); a throw from `then` after one of them was called is ignored, otherwise it rejects
 * (2.3.3.3.4). `onfulfilled` receives the value as the thenable gave it (which may itself be a thenable).
 */
export type Adopter = (onfulfilled: (value: unknown) => void, onrejected: (reason: unknown) => void) => void;

/** What reading a `then` threw, kept for the consumer that follows the value later (`wait`, then the driver). */
export class ThenReadFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Reads `value.then` once. Returns the function when it is one, `undefined` when `value` is not a thenable (a
 * primitive, or an object whose `then` is not a function). Throws what reading `then` throws (a throwing getter, a
 * revoked `Proxy`): the caller fails with it, as `Promise.resolve` rejects with it.
 */
export function readThen(value: unknown): ThenMethod | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const then = (value as { then?: unknown }).then;
  return typeof then === "function" ? (then as ThenMethod) : undefined;
}

/**
 * The shared adopter: reads `value.then` once and returns an `Adopter` bound to that function and `value`, or
 * `undefined` when `value` is not a thenable. Throws what reading `then` throws. The adopter never reads `then` again.
 */
export function adopterOf(value: unknown): Adopter | undefined {
  const then = readThen(value);
  return then === undefined ? undefined : (onfulfilled, onrejected) => callThen(value, then, onfulfilled, onrejected);
}

/**
 * Calls a `then` already read, with resolving functions that take effect once; a synchronous throw rejects unless
 * one of them was called first (Promises/A+ 2.3.3.3). Never throws.
 */
export function callThen(
  value: unknown,
  then: ThenMethod,
  onfulfilled: (value: unknown) => void,
  onrejected: (reason: unknown) => void,
): void {
  let called = false;
  try {
    then.call(
      value,
      (result: unknown) => {
        if (called) return;
        called = true;
        onfulfilled(result);
      },
      (reason: unknown) => {
        if (called) return;
        called = true;
        onrejected(reason);
      },
    );
  } catch (error) {
    if (called) return;
    called = true;
    onrejected(error);
  }
}

/**
 * A native promise that follows `value` through the `then` already read, as `Promise.resolve(value)` would but
 * without reading `then` a second time (a value the thenable resolves with is adopted by the native promise).
 */
export function promiseThrough(value: unknown, then: ThenMethod): Promise<unknown> {
  return new Promise((resolve, reject) => {
    callThen(value, then, resolve, reject);
  });
}
