// The copy `WorkerPool.run` takes of a task's input (DESIGN 4.7 rule 6: the input is what it was at `run()`).
// Measured (bench/worker.bench.mjs and a before/after run on small object inputs): `structuredClone` costs about
// 2.4 µs per call even for `{ a, b }`, a quarter of a task's whole budget at 100,000 tasks/s, and posting each
// `RUN` at once instead would give up batching (the pool runs about 1.8x the one-message-per-task echo). So small
// plain data (plain objects and dense arrays of primitives, at most `BUDGET` objects, no object reached twice) is
// copied by hand, which gives what `structuredClone` would; anything else goes through `structuredClone` itself.

const BUDGET = 64;
const MAX_ARRAY = 256;
const OTHER = Symbol("needs structuredClone");

/**
 * A copy of `value` that later changes to `value` cannot reach, equal to what `structuredClone(value)` gives.
 * Throws what `structuredClone` throws (a `DataCloneError` for a function, a symbol, a detached buffer, ...).
 */
export function snapshot(value: unknown): unknown {
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? structuredClone(value) : value;
  }
  const seen: object[] = [];
  const copy = plainCopy(value, seen);
  return copy === OTHER ? structuredClone(value) : copy;
}

function plainCopy(value: unknown, seen: object[]): unknown {
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? OTHER : value;
  }
  // Shared or cyclic references keep their identity only through structuredClone.
  if (seen.length >= BUDGET || seen.includes(value)) return OTHER;
  seen.push(value);
  if (Array.isArray(value)) {
    const length = value.length;
    // Holes and extra keys are kept only by structuredClone.
    if (Object.getPrototypeOf(value) !== Array.prototype || length > MAX_ARRAY || Object.keys(value).length !== length) {
      return OTHER;
    }
    const out = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      const item = plainCopy(value[i], seen);
      if (item === OTHER) return OTHER;
      out[i] = item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return OTHER;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return OTHER;
    const item = plainCopy((value as Record<string, unknown>)[key], seen);
    if (item === OTHER) return OTHER;
    out[key] = item;
  }
  return out;
}
