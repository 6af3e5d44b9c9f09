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

const statusNames = ["started", "completed", "canceled", "error"] as const;
const CLOSED = 4;

/** The status's name, with the low two bits of `_state` being the status (see async-core.ts). */
export function statusName(state: number): (typeof statusNames)[number] {
  return statusNames[state & 3]!;
}

/**
 * `util.inspect(op)`: `AsyncOperation { id: 3, description: 'download', status: 'started', age: '1.25s' }`.
 * Reads the internal fields, never the public getters: inspecting must not throw on a closed operation, nor count
 * as observing a failure (reading `errorCode` would). The age shows while the operation's creation time is known,
 * which is while `trackOperations()` of `winrt-async/diagnostics` is on. Never throws.
 */
export function inspectOperation(this: Core, depth: number, options: InspectOptions | undefined, inspect?: Inspect): string {
  const stylize = typeof options?.stylize === "function" ? options.stylize : (text: string): string => text;
  const kind = String((this as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag]);
  const state = this._state;
  if (depth < 0) return stylize(`[${kind} #${this._id}]`, "special");
  const quote = (text: string): string => (typeof inspect === "function" ? inspect(text, options ?? {}) : JSON.stringify(text));
  const fields = [`id: ${stylize(String(this._id), "number")}`];
  const description = this._x?.rare?.description;
  if (description !== undefined) fields.push(`description: ${quote(description)}`);
  fields.push(`status: ${stylize(`'${statusName(state)}'`, "special")}`);
  if ((state & 3) === 3) fields.push(`error: ${stylize(briefly(this._value), "special")}`);
  if ((state & CLOSED) !== 0) fields.push(`closed: ${stylize("true", "boolean")}`);
  const age = diagnostics.hook?.ageOf(this);
  if (age !== undefined) fields.push(`age: ${stylize(`'${formatAge(age)}'`, "date")}`);
  return `${kind} { ${fields.join(", ")} }`;
}

/** `[AsyncError: message]` for an error-like failure value, its type otherwise (it may be large or secret). */
function briefly(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    try {
      const { name, message } = value as { name?: unknown; message?: unknown };
      if (typeof name === "string" && typeof message === "string") return `[${name}: ${message}]`;
    } catch {
      // A getter that throws (a revoked proxy, say): fall back to the type.
    }
  }
  return `[${value === null ? "null" : typeof value}]`;
}

/** `850ms`, `1.25s`, `3m 20s`. */
export function formatAge(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
