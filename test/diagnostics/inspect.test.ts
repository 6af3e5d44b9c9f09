// DESIGN 4.5: every operation prints usefully. util.inspect shows kind, id, description, status and (while
// tracking) age, for every kind and every status; inspecting never throws, even closed, and never counts as
// observing a failure.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { trackOperations } from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("shows kind, id, description and status of a running operation, and no age while not tracking", () => {
    const g = gate();
    const op = kind.run(() => g.promise, { description: "copy 'photos'" });
    expect(inspect(op)).toBe(`${kind.name} { id: ${op.id}, description: "copy 'photos'", status: 'started' }`);
    op.cancel();
  });

  it("shows each terminal status, leaves out a missing description, and names the failure", async () => {
    const done = kind.fromResult(1);
    const canceled = kind.canceled();
    const failed = kind.fromError(new RangeError("too far"));
    failed.catch(() => {});
    expect(inspect(done)).toBe(`${kind.name} { id: ${done.id}, status: 'completed' }`);
    expect(inspect(canceled)).toBe(`${kind.name} { id: ${canceled.id}, status: 'canceled' }`);
    expect(inspect(failed)).toBe(`${kind.name} { id: ${failed.id}, status: 'error', error: [RangeError: too far] }`);
    const odd = kind.fromError(42);
    odd.catch(() => {});
    expect(inspect(odd)).toContain("error: [number]");
    await settle();
  });

  it("shows the age while tracking, for operations created while tracking", () => {
    const before = kind.run(() => gate().promise);
    const tracking = trackOperations();
    try {
      const during = kind.run(() => gate().promise, { description: "tracked" });
      expect(inspect(during)).toMatch(
        new RegExp(`^${kind.name} \\{ id: ${during.id}, description: 'tracked', status: 'started', age: '(\\d+ms|\\d+\\.\\d\\ds)' \\}$`),
      );
      expect(inspect(before)).not.toContain("age");
      during.cancel();
    } finally {
      tracking[Symbol.dispose]();
      before.cancel();
    }
  });

  it("does not throw on a closed operation, and says it is closed", () => {
    const op = kind.fromResult(1);
    const id = op.id;
    op.close();
    expect(inspect(op)).toBe(`${kind.name} { id: ${id}, status: 'completed', closed: true }`);
  });

  it("styles the fields when colors are on, and prints a placeholder when nested past the depth", () => {
    const op = kind.fromResult(1);
    expect(inspect(op, { colors: true })).toContain(`\x1b[33m${op.id}\x1b[39m`);
    expect(inspect({ a: { b: op } }, { depth: 0 })).toBe("{ a: [Object] }");
    expect(inspect({ a: op }, { depth: 0 })).toBe(`{ a: [${kind.name} #${op.id}] }`);
  });

  it("does not count as observing a failure: it is still reported as unobserved", async () => {
    const reported = captureUnobserved();
    const error = new Error("nobody looked");
    const op = kind.run(async () => {
      throw error;
    });
    await settle();
    inspect(op);
    await settle();
    expect(reported.map((entry) => entry.error)).toEqual([error]);
  });
});
