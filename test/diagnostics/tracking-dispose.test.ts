// DESIGN 4.5: trackOperations() returns a Disposable; tracking stays on while any returned Disposable is not yet
// disposed, and disposing the last one turns it off and empties the registry. Disposing twice does nothing.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { liveOperations, trackOperations } from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("disposing turns tracking off: the registry empties, ages go, and new operations are not recorded", () => {
    const tracking = trackOperations();
    const during = kind.run(() => gate().promise);
    expect(liveOperations().map((snapshot) => snapshot.id)).toEqual([during.id]);
    tracking[Symbol.dispose]();
    expect(liveOperations()).toEqual([]);
    expect(inspect(during)).not.toContain("age");
    const after = kind.run(() => gate().promise);
    const again = trackOperations();
    try {
      expect(liveOperations()).toEqual([]);
    } finally {
      again[Symbol.dispose]();
    }
    during.cancel();
    after.cancel();
  });

  it("nested tracking stays on until the last Disposable is disposed; disposing one twice counts once", () => {
    const outer = trackOperations();
    const inner = trackOperations();
    const op = kind.run(() => gate().promise);
    inner[Symbol.dispose]();
    inner[Symbol.dispose]();
    expect(liveOperations().map((snapshot) => snapshot.id)).toEqual([op.id]);
    outer[Symbol.dispose]();
    expect(liveOperations()).toEqual([]);
    op.cancel();
  });

  it("works with `using`", () => {
    {
      using _tracking = trackOperations();
      const op = kind.run(() => gate().promise);
      expect(liveOperations().map((snapshot) => snapshot.id)).toEqual([op.id]);
      op.cancel();
      kind.run(() => gate().promise);
    }
    expect(liveOperations()).toEqual([]);
  });
});
