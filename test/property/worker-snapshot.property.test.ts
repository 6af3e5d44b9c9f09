// The input snapshot of WorkerPool.run (src/worker/snapshot.ts): for any value, what it gives is what
// structuredClone gives (same structure, prototypes, holes, shared references), it never shares an object with the
// input, and it throws where structuredClone throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshot } from "../../src/worker/snapshot.js";

/** Every object reachable from `value`. */
function objects(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value !== "object" || value === null || into.has(value)) return into;
  into.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      objects(k, into);
      objects(v, into);
    }
  } else if (value instanceof Set) for (const v of value) objects(v, into);
  else for (const key of Object.keys(value)) objects((value as Record<string, unknown>)[key], into);
  return into;
}

const shared = fc.record({ a: fc.integer() });
const values = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBigInt: true }),
  shared.map((inner) => ({ x: inner, y: inner })),
  fc.array(fc.integer(), { maxLength: 300 }),
);

describe("the input snapshot", () => {
  it("equals structuredClone and shares no object with the input", () => {
    fc.assert(
      fc.property(values, (value) => {
        const copy = snapshot(value);
        expect(copy).toStrictEqual(structuredClone(value));
        const mine = objects(value);
        for (const item of objects(copy)) expect(mine.has(item)).toBe(false);
      }),
    );
  });

  it("keeps a shared reference shared, as structuredClone does", () => {
    const inner = { a: 1 };
    const copy = snapshot({ x: inner, y: inner }) as { x: object; y: object };
    expect(copy.x).toBe(copy.y);
    expect(copy.x).not.toBe(inner);
  });

  it("throws where structuredClone throws", () => {
    for (const bad of [() => 1, Symbol("s"), { f: () => 1 }, [1, Symbol("t")]]) {
      expect(() => structuredClone(bad)).toThrow();
      expect(() => snapshot(bad)).toThrow();
    }
  });
});
