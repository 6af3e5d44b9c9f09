import { describe } from "./describe.js";
import { isAbortSignal } from "./abort-signal.js";
import type { RunOptions } from "./types.js";

/**
 * Checks that `options` is undefined or an object, and that its `signal` is undefined or a real `AbortSignal`
 * (a look-alike object is refused: nothing a signal does may make `cancel()` throw or an awaiter hang);
 * returns the options object (or an empty one). Throws `TypeError` naming `caller` and what came instead.
 */
export function readSignalOptions<T extends { readonly signal?: AbortSignal | undefined }>(
  options: T | undefined,
  caller: string,
): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${caller} options must be an object, got ${describe(options)}`);
  }
  const { signal } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`${caller} options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  return options;
}

/**
 * The options of every producer (`run`, `fromPromise`, the combinators): `readSignalOptions` plus a
 * `description` that must be a string. Returns the validated options, or undefined when there are none.
 * Throws `TypeError` naming `caller`.
 */
export function readRunOptions(options: RunOptions | undefined, caller: string): RunOptions | undefined {
  if (options === undefined) return undefined;
  const { signal, description } = readSignalOptions(options, caller);
  if (description !== undefined && typeof description !== "string") {
    throw new TypeError(`${caller} options.description must be a string, got ${describe(description)}`);
  }
  return signal === undefined && description === undefined ? undefined : { signal, description };
}
