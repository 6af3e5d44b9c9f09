// Case 84 (DESIGN 2.1 #2): ids of distinct ops are unique and increase in creation order, across all kinds and producers.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureUnobserved, settle } from "../helpers/fixtures.js";

const producers: ReadonlyArray<(kind: Kind) => AnyOp> = [
  (kind) => kind.run(() => 1),
  (kind) => kind.run(() => new Promise(() => undefined)),
  (kind) => kind.fromResult(1),
  (kind) => kind.fromError(new Error("x")),
  (kind) => kind.canceled(),
  (kind) => kind.fromPromise(Promise.resolve(1)),
];

describe.each(kinds)("$name", (kind) => {
  it("two live ops have different ids, the later one larger", () => {
    const first = kind.run(() => new Promise(() => undefined));
    const second = kind.run(() => new Promise(() => undefined));
    expect(second.id).not.toBe(first.id);
    expect(second.id).toBeGreaterThan(first.id);
  });
});

describe("ids across kinds", () => {
  it("strictly increase in creation order for any interleaving of kinds and producers", async () => {
    captureUnobserved();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: kinds.length - 1 }), fc.integer({ min: 0, max: producers.length - 1 })),
          { minLength: 2, maxLength: 40 },
        ),
        (plan) => {
          const ids = plan.map(([k, p]) => producers[p]!(kinds[k]!).id);
          for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
    );
    // Let the unobserved reports of the fromError ops arrive while they are captured.
    await settle();
  });
});
