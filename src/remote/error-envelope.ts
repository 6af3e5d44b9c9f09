// The error envelope: how a thrown value crosses from where a task ran to the caller's operation. Structured
// clone alone turns every subclass into a plain `Error` named "Error" and drops own properties such as `hresult`
// (piscinajs/piscina #1143); JSON drops `cause` and the class. The envelope is plain data that survives both
// `structuredClone` and `JSON.stringify`/`JSON.parse`, so worker threads and job queues share it.
import {
  AsyncError,
  CanceledError,
  DisconnectedError,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  TimeoutError,
  hresultOf,
} from "../errors.js";
import { describe } from "../describe.js";
import { FORBIDDEN_KEYS, findForbiddenKey } from "./wire.js";

/** A JSON value (what survives `JSON.stringify` then `JSON.parse` unchanged). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A thrown value as plain, cloneable and JSON-safe data.
 * - `thrown: "error"`: an `Error` (or an object that says it is one): its `name`, `message`, `stack`, `hresult`
 *   (`hresultOf` of it), `cause` (an envelope, recursively, to a bounded depth), the inner `errors` of an
 *   `AggregateError`, and its own enumerable data that JSON can carry (`data`; what it cannot carry is left out).
 * - `thrown: "value"`: anything else; `value` is its JSON-safe copy (`null` when none exists).
 */
export interface ErrorEnvelope {
  /** `"error"` when an `Error` (or an object that says it is one) was thrown, `"value"` for anything else. */
  readonly thrown: "error" | "value";
  /** The error's `name` (`"TypeError"`, `"CanceledError"`, ...); `""` for a value. */
  readonly name: string;
  /** The error's `message`; for a value, a short description of it. */
  readonly message: string;
  /** The error's `stack`, where the sender keeps it (`winrt-async/http` removes it unless `exposeStack`). */
  readonly stack?: string;
  /** The HRESULT, a signed 32-bit integer (`hresultOf` of the thrown value). */
  readonly hresult: number;
  /** The error's `cause`, as an envelope (bounded depth). */
  readonly cause?: ErrorEnvelope;
  /** The inner errors of an `AggregateError`, as envelopes. */
  readonly errors?: ErrorEnvelope[];
  /** The error's own enumerable data that JSON can carry. */
  readonly data?: Record<string, JsonValue>;
  /** For `thrown: "value"`: the value as JSON (`null` when it has none). */
  readonly value?: JsonValue;
}

/** How deep `cause` chains (and nested data) are followed. Beyond it, the rest is left out. */
export const MAX_CAUSE_DEPTH = 8;
const MAX_DATA_DEPTH = 8;
const MAX_KEYS = 256;
const MAX_AGGREGATED = 32;

// Properties carried by their own envelope fields, never in `data`.
const RESERVED = new Set(["name", "message", "stack", "cause", "hresult", "errors"]);
const MAX_ARRAY = MAX_KEYS * 16;

// Looked up on an error by the language itself although no built-in error defines it (JSON.stringify reads it).
const PROTOCOL_KEYS = new Set(["toJSON"]);

/**
 * Whether own data under `key` would shadow a member of `target` (what it has or inherits: `toString`, `valueOf`,
 * `hasOwnProperty`, ...) or a protocol member (`toJSON`): `String(err)` or `${err}` would then throw in whoever
 * prints the error.
 */
function shadowsMember(target: object, key: string): boolean {
  return PROTOCOL_KEYS.has(key) || key in target;
}

/**
 * Encodes any thrown value as an `ErrorEnvelope`. Never throws: a getter that throws, a revoked proxy or a cycle
 * only makes the envelope carry less.
 */
export function encodeError(thrown: unknown): ErrorEnvelope {
  return encode(thrown, MAX_CAUSE_DEPTH, new Set());
}

function encode(thrown: unknown, depth: number, seen: Set<unknown>): ErrorEnvelope {
  if (!isErrorLike(thrown)) {
    let value: JsonValue | undefined;
    try {
      value = toJson(thrown, MAX_DATA_DEPTH, new Set());
    } catch {
      value = undefined;
    }
    return { thrown: "value", name: "", message: safeDescribe(thrown), hresult: hresultOf(thrown), value: value ?? null };
  }
  seen.add(thrown);
  const error = thrown as Error & { cause?: unknown; errors?: unknown };
  const envelope: {
    thrown: "error";
    name: string;
    message: string;
    stack?: string;
    hresult: number;
    cause?: ErrorEnvelope;
    errors?: ErrorEnvelope[];
    data?: Record<string, JsonValue>;
  } = {
    thrown: "error",
    name: readString(error, "name") ?? "Error",
    message: readString(error, "message") ?? "",
    hresult: hresultOf(error),
  };
  const stack = readString(error, "stack");
  if (stack !== undefined) envelope.stack = stack;
  try {
    if (depth > 0 && "cause" in error) {
      const cause = error.cause;
      if (!seen.has(cause)) envelope.cause = encode(cause, depth - 1, seen);
    }
    if (depth > 0 && Array.isArray(error.errors)) {
      envelope.errors = error.errors
        .slice(0, MAX_AGGREGATED)
        .filter((inner) => !seen.has(inner))
        .map((inner) => encode(inner, depth - 1, seen));
    }
  } catch {
    // A throwing getter: the cause is left out.
  }
  const data = ownData(error);
  if (data !== undefined) envelope.data = data;
  return envelope;
}

/** Own enumerable data of an error that JSON can carry, minus the reserved keys; undefined when there is none. */
function ownData(error: object): Record<string, JsonValue> | undefined {
  let keys: string[];
  try {
    keys = Object.keys(error);
  } catch {
    return undefined;
  }
  let data: Record<string, JsonValue> | undefined;
  let count = 0;
  for (const key of keys) {
    if (RESERVED.has(key) || FORBIDDEN_KEYS.has(key) || shadowsMember(Error.prototype, key)) continue;
    if (++count > MAX_KEYS) break;
    let value: JsonValue | undefined;
    try {
      value = toJson((error as Record<string, unknown>)[key], MAX_DATA_DEPTH, new Set());
    } catch {
      value = undefined;
    }
    if (value === undefined) continue;
    data ??= {};
    data[key] = value;
  }
  return data;
}

/**
 * A JSON-safe copy of `value`, or `undefined` when it has none: strings, booleans, `null`, finite numbers, arrays
 * (elements without a copy become `null`, as `JSON.stringify` does) and plain objects (keys without a copy and
 * forbidden keys are left out); a `Date` becomes its ISO string; anything else (functions, symbols, bigints,
 * class instances, cycles, depth beyond the bound) has none.
 */
function toJson(value: unknown, depth: number, seen: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // -0 becomes 0, as JSON writes it: the envelope reads the same before and after a JSON round trip.
      return Number.isFinite(value) ? value + 0 : undefined;
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth < 0 || seen.has(value)) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.slice(0, MAX_ARRAY).map((item) => toJson(item, depth - 1, seen) ?? null);
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return undefined;
    const copy: Record<string, JsonValue> = {};
    let count = 0;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      if (++count > MAX_KEYS) break;
      const item = toJson((value as Record<string, unknown>)[key], depth - 1, seen);
      if (item !== undefined) copy[key] = item;
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

// ---- decoding ---------------------------------------------------------------------------------------------

type ErrorClass = new (message?: string, options?: ErrorOptions) => Error;

// Rebuilt as themselves. A map with a null prototype: an envelope's `name` can never reach `Object.prototype`.
const classes: Record<string, ErrorClass | undefined> = Object.assign(Object.create(null) as object, {
  AsyncError,
  CanceledError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  IllegalDelegateAssignmentError,
  TimeoutError,
  DisconnectedError,
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
});

/**
 * Rebuilds the thrown value from an envelope: our classes (`CanceledError`, `TimeoutError`, `DisconnectedError`,
 * ...) as our classes, the built-in ones (`TypeError`, `RangeError`, `AggregateError`, ...) as themselves, any
 * other name as an `AsyncError` carrying that `name` and the envelope's `hresult`; each with the sender's
 * `message` and `stack`, its `cause` rebuilt recursively and its `data` as own properties, except a key the
 * rebuilt error already has or inherits (`toString`, `valueOf`, `toJSON`, ...): own data never shadows a member,
 * so `String(err)` and `${err}` always work. A `thrown: "value"` envelope gives back the value itself.
 *
 * Throws `TypeError` naming the problem when `envelope` is not a well-formed `ErrorEnvelope`: a missing or
 * mistyped field, a `__proto__`, `constructor` or `prototype` key anywhere (nothing is assigned through such a
 * key, so no prototype can be reached), or data beyond the bounds `encodeError` keeps to (more than 256 keys in
 * an object, 4096 items in an array, 32 inner `errors`, nesting deeper than the encoder goes, or a value JSON
 * cannot carry).
 */
export function decodeError(envelope: unknown): unknown {
  const problem = envelopeProblem(envelope, MAX_CAUSE_DEPTH + 1);
  if (problem !== undefined) throw new TypeError(`Malformed error envelope: ${problem}`);
  return decode(envelope as ErrorEnvelope);
}

function decode(envelope: ErrorEnvelope): unknown {
  if (envelope.thrown === "value") return envelope.value ?? null;
  const options: ErrorOptions | undefined = envelope.cause === undefined ? undefined : { cause: decode(envelope.cause) };
  const { name, message, hresult } = envelope;
  let error: Error;
  if (name === "AggregateError") {
    error = new AggregateError((envelope.errors ?? []).map(decode), message, options);
  } else {
    const known = classes[name];
    if (known === AsyncError || known === undefined) {
      error = new AsyncError(message, { ...options, hresult });
    } else {
      error = new known(message, options);
    }
  }
  if (error.name !== name) define(error, "name", name);
  // Our subclasses carry a fixed code and built-in errors none; keep a code the sender had beyond that.
  if (hresultOf(error) !== hresult) define(error, "hresult", hresult);
  if (envelope.stack !== undefined) define(error, "stack", envelope.stack);
  if (envelope.data !== undefined) {
    for (const key of Object.keys(envelope.data)) {
      // A member the error has or inherits is never shadowed (what `encodeError` leaves out too).
      if (shadowsMember(error, key)) continue;
      // `defineProperty`, never assignment: no setter on the error or its prototypes runs.
      Object.defineProperty(error, key, {
        value: envelope.data[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return error;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });
}

/** What is wrong with a received envelope, or undefined. */
function envelopeProblem(value: unknown, depth: number): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `expected an envelope object, got ${safeDescribe(value)}`;
  }
  if (depth <= 0) return "the cause chain is deeper than allowed";
  const forbidden = findForbiddenKey(value);
  if (forbidden !== undefined) return `forbidden key at ${forbidden}`;
  const envelope = value as Record<string, unknown>;
  if (envelope["thrown"] !== "error" && envelope["thrown"] !== "value") {
    return `"thrown" must be "error" or "value", got ${safeDescribe(envelope["thrown"])}`;
  }
  if (typeof envelope["name"] !== "string") return `"name" must be a string, got ${safeDescribe(envelope["name"])}`;
  if (typeof envelope["message"] !== "string") {
    return `"message" must be a string, got ${safeDescribe(envelope["message"])}`;
  }
  const hresult = envelope["hresult"];
  if (typeof hresult !== "number" || !Number.isInteger(hresult) || hresult !== (hresult | 0)) {
    return `"hresult" must be a signed 32-bit integer, got ${safeDescribe(hresult)}`;
  }
  if (envelope["stack"] !== undefined && typeof envelope["stack"] !== "string") {
    return `"stack" must be a string, got ${safeDescribe(envelope["stack"])}`;
  }
  const data = envelope["data"];
  if (data !== undefined) {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return `"data" must be an object, got ${safeDescribe(data)}`;
    }
    // Each value of `data` is encoded with the same depth as a whole `value`.
    if (Object.keys(data).length > MAX_KEYS) return `"data" has more than ${MAX_KEYS} keys`;
    for (const key of Object.keys(data)) {
      const inner = jsonProblem((data as Record<string, unknown>)[key], MAX_DATA_DEPTH, `data.${key}`);
      if (inner !== undefined) return inner;
    }
  }
  if (envelope["value"] !== undefined) {
    const inner = jsonProblem(envelope["value"], MAX_DATA_DEPTH, "value");
    if (inner !== undefined) return inner;
  }
  if (envelope["cause"] !== undefined) {
    const inner = envelopeProblem(envelope["cause"], depth - 1);
    if (inner !== undefined) return `in "cause": ${inner}`;
  }
  const errors = envelope["errors"];
  if (errors !== undefined) {
    if (!Array.isArray(errors)) return `"errors" must be an array, got ${safeDescribe(errors)}`;
    if (errors.length > MAX_AGGREGATED) return `"errors" has more than ${MAX_AGGREGATED} items`;
    for (const inner of errors) {
      const problem = envelopeProblem(inner, depth - 1);
      if (problem !== undefined) return `in "errors": ${problem}`;
    }
  }
  return undefined;
}

/**
 * What keeps `value` from being something `toJson` could have produced at `depth`, or undefined: the bounds of
 * encoding (keys per object, items per array, nesting) hold for what is decoded, so a forged envelope costs the
 * receiver no more than a real one.
 */
function jsonProblem(value: unknown, depth: number, path: string): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${path} is not a finite number`;
    case "object":
      break;
    default:
      return `${path} is not JSON data (${typeof value})`;
  }
  if (value === null) return undefined;
  if (depth < 0) return `${path} is nested deeper than ${MAX_DATA_DEPTH} levels`;
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY) return `${path} has more than ${MAX_ARRAY} items`;
    for (let i = 0; i < value.length; i++) {
      const inner = jsonProblem(value[i], depth - 1, `${path}[${i}]`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return `${path} is not a plain object`;
  const keys = Object.keys(value);
  if (keys.length > MAX_KEYS) return `${path} has more than ${MAX_KEYS} keys`;
  for (const key of keys) {
    const inner = jsonProblem((value as Record<string, unknown>)[key], depth - 1, `${path}.${key}`);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function isErrorLike(value: unknown): boolean {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
  } catch {
    return false;
  }
}

function readString(target: object, key: string): string | undefined {
  try {
    const value = (target as Record<string, unknown>)[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function safeDescribe(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return "a value that cannot be described";
  }
}

