// Case 21 with DESIGN 2.4 #10: awaiting a failed op rejects with the very value the body threw, even when it is not an Error.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { rejection } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";

const values: ReadonlyArray<{ label: string; make(): unknown }> = [
  { label: "an Error", make: () => new Error("boom") },
  { label: "a string", make: () => "boom" },
  { label: "a number", make: () => 0 },
  { label: "a plain object", make: () => ({ reason: "boom" }) },
  { label: "null", make: () => null },
  { label: "undefined", make: () => undefined },
];

const ways: ReadonlyArray<{ label: string; start(kind: Kind, value: unknown): { op: AnyOp; go(): void } }> = [
  {
    label: "thrown synchronously",
    start: (kind, value) => ({
      op: kind.run(() => {
        throw value;
      }),
      go: () => undefined,
    }),
  },
  {
    label: "thrown after an await",
    start(kind, value) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw value;
      });
      return { op, go: () => g.open() };
    },
  },
  {
    label: "a rejected promise returned by the body",
    start(kind, value) {
      const g = gate();
      const op = kind.run(() => g.promise.then(() => Promise.reject(value)));
      return { op, go: () => g.open() };
    },
  },
  {
    label: "passed to fromError",
    start: (kind, value) => ({ op: kind.fromError(value), go: () => undefined }),
  },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(ways)("$label", (way) => {
    describe.each(values)("$label", ({ make }) => {
      it("await, then, catch and finally all reject with the value itself", async () => {
        const value = make();
        const { op, go } = way.start(kind, value);
        const viaAwait = rejection((async () => await op)());
        const viaThen = rejection(op.then());
        const viaCatch = op.catch((reason: unknown) => reason);
        const viaFinally = rejection(op.finally(() => undefined));
        go();
        expect(await viaAwait).toBe(value);
        expect(await viaThen).toBe(value);
        expect(await viaCatch).toBe(value);
        expect(await viaFinally).toBe(value);
        expect(op.status).toBe(AsyncStatus.error);
        // A late awaiter gets the same value.
        expect(await rejection(op)).toBe(value);
      });
    });
  });
});
