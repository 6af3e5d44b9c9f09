import { describe } from "../describe.js";

/**
 * What a transfer list holds: anything the platform can transfer to another thread (an `ArrayBuffer`, a
 * `MessagePort`, a stream, an `ImageBitmap`...; the DOM lib calls this union `Transferable`). Typed as `object` so
 * that these types compile without the DOM lib (a Node project with `@types/node` only); the platform checks the
 * items when the message is posted, and a list it cannot transfer fails the operation (or `run` throws its error).
 */
export type TransferItem = object;

// Results marked by `transfer`, looked up once when a task's result is sent. Weak: a marked object that is never
// returned costs nothing.
const marked = new WeakMap<object, readonly TransferItem[]>();

/**
 * Marks `value` (an object a task returns, or its progress value) so that the objects in `list` (`ArrayBuffer`s,
 * `MessagePort`s, ...) are transferred to the host rather than copied; they are detached in the worker once sent.
 * Returns `value` itself, typed as `value`. Throws `TypeError` when `value` is not an object or `list` is not an
 * array.
 */
export function transfer<T>(value: T, list: readonly TransferItem[]): T {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    throw new TypeError(`transfer expects an object (the value that holds the transferables), got ${describe(value)}`);
  }
  if (!Array.isArray(list)) throw new TypeError(`transfer expects an array as list, got ${describe(list)}`);
  marked.set(value, list);
  return value;
}

/** The transfer list `transfer` attached to `value`, if any. */
export function transferListOf(value: unknown): readonly TransferItem[] | undefined {
  return typeof value === "object" && value !== null ? marked.get(value) : undefined;
}
