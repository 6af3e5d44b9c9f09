import type { AsyncCore } from "./async-core.js";
import { diagnostics } from "./diagnostics-hook.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

/**
 * The key Node's `util.inspect` (and Bun's) looks up on an object, taken from the global symbol registry so that
 * the root entry imports nothing from Node.
 */
export const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/** The subset of `util.inspect`'s options that the custom inspector uses. */
interface InspectOptions {
  readonly stylize?: (text: string, styleType: string) => string;
}

type Inspect = (value: unknown, options?: object) => string;

// Indexed by the status, the low two bits of `_state` (see async-core.ts); 4 is its CLOSED flag.
const statusNames = ["started", "completed", "canceled", "error"];

/**
 * `util.inspect(op)`: `AsyncOperation { id: 3, description: 'download', status: 'started', age: '1.25s' }`.
 * Reads the internal fields, never the public getters: inspecting must not throw on a closed operation, nor count
 * as observing a failure (reading `errorCode` would). The age shows while the operation's creation time is known:
 * while it runs, if it was created while `trackOperations()` of `winrt-async/diagnostics` was on. Kept small: it
 * ships in the root entry.
 * Never throws.
 */
export function inspectOperation(this: Core, depth: number, options?: InspectOptions, inspect?: Inspect): string {
  const style = options?.stylize ?? ((text: string): string => text);
  const kind = String((this as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag]);
  if (depth < 0) return style(`[${kind} #${this._id}]`, "special");
  const state = this._state;
  let text = `${kind} { id: ${style(String(this._id), "number")}`;
  const description = this._x?.rare?.description;
  if (description !== undefined) {
    text += `, description: ${inspect ? inspect(description, options) : JSON.stringify(description)}`;
  }
  text += `, status: ${style(`'${statusNames[state & 3]}'`, "special")}`;
  if ((state & 3) === 3) text += `, error: ${style(briefly(this._value), "special")}`;
  if ((state & 4) !== 0) text += `, closed: ${style("true", "boolean")}`;
  const age = diagnostics.hook?.ageOf(this);
  if (age !== undefined) {
    text += `, age: ${style(`'${age < 1000 ? `${Math.round(age)}ms` : `${(age / 1000).toFixed(2)}s`}'`, "date")}`;
  }
  return `${text} }`;
}

/** `[AsyncError: message]` for an error-like failure value, its type otherwise (it may be large or secret). */
function briefly(value: unknown): string {
  try {
    const { name, message } = value as { name?: unknown; message?: unknown };
    if (typeof name === "string" && typeof message === "string") return `[${name}: ${message}]`;
  } catch {
    // null, undefined, or a getter that throws (a revoked proxy, say): the type will do.
  }
  return `[${value === null ? "null" : typeof value}]`;
}
