import { describe } from "../describe.js";

// In src/remote because two transports carry JSON: BullMQ (job data, results and progress stored in Redis) and
// the HTTP edge (the client's POST body); neither subpath imports the other.
/**
 * Throws a `TypeError` naming the path and what came when `value` would not survive JSON encoding unchanged. Accepted: `null`, booleans, finite
 * numbers, strings, arrays and plain objects (prototype `Object.prototype` or `null`) of those; a property
 * whose value is `undefined` (JSON leaves it out, and reading it gives `undefined` again). Refused, because
 * JSON would silently change them: `undefined` as an array item, functions, symbols, `NaN`/`Infinity`,
 * bigints, cycles, and class instances such as `Date`, `Map` or `Uint8Array`. (Top-level `undefined` is the
 * caller's business: it crosses as `null`; `-0` is accepted and crosses as `0`, JSON having one zero.)
 */
export function assertJson(value: unknown, what: string): void {
  check(value, what, new Set<object>());
}

function check(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (Number.isFinite(value)) return;
      break;
    case "object": {
      if (value === null) return;
      if (ancestors.has(value)) throw new TypeError(`${path} refers back to itself: JSON cannot encode a cycle`);
      if (Array.isArray(value)) {
        ancestors.add(value);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new TypeError(`${path}[${i}] is a hole: JSON would turn it into null`);
          check(value[i], `${path}[${i}]`, ancestors);
        }
        ancestors.delete(value);
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) break;
      ancestors.add(value);
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined) check(item, `${path}.${key}`, ancestors);
      }
      ancestors.delete(value);
      return;
    }
    default:
      break;
  }
  throw new TypeError(
    `${path} must be JSON data (null, boolean, finite number, string, array or plain object), got ${describe(value)}`,
  );
}
