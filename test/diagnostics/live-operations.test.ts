// DESIGN 4.5: while trackOperations() is on, liveOperations() lists the running operations created since, oldest
// first, as frozen snapshots { id, kind, description, status, statusName, ageMs }; an operation leaves the list when it
// settles, in any of the three ways.
import { afterEach, describe, expect, it } from "vitest";
import { AsyncStatus, type Disposable } from "../../src/index.js";
import { liveOperations, trackOperations } from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

let tracking: Disposable | undefined;
afterEach(() => {
  tracking?.[Symbol.dispose]();
  tracking = undefined;
});

describe.each(kinds)("$name", (kind) => {
  it("lists running operations with their snapshot, oldest first, and not those created before tracking", () => {
    const before = kind.run(() => gate().promise);
    tracking = trackOperations();
    const first = kind.run(() => gate().promise, { description: "first" });
    const second = kind.run(() => gate().promise);
    const snapshots = liveOperations().filter((snapshot) => snapshot.id === first.id || snapshot.id === second.id || snapshot.id === before.id);
    expect(snapshots.map((snapshot) => ({ ...snapshot, ageMs: 0 }))).toEqual([
      { id: first.id, kind: kind.name, description: "first", status: AsyncStatus.started, statusName: "started", ageMs: 0 },
      { id: second.id, kind: kind.name, description: undefined, status: AsyncStatus.started, statusName: "started", ageMs: 0 },
    ]);
    for (const snapshot of snapshots) {
      expect(Object.isFrozen(snapshot)).toBe(true);
      expect(snapshot.ageMs).toBeGreaterThanOrEqual(0);
    }
    for (const op of [before, first, second]) op.cancel();
  });

  it("drops an operation the moment it completes, fails or is canceled", async () => {
    tracking = trackOperations();
    const completing = gate();
    const failing = gate();
    const ops = [kind.run(() => completing.promise), kind.run(() => failing.promise), kind.run(() => gate().promise)];
    ops[1]!.catch(() => {});
    const ids = () => liveOperations().map((snapshot) => snapshot.id);
    expect(ids()).toEqual(ops.map((op) => op.id));
    ops[2]!.cancel();
    expect(ids()).toEqual([ops[0]!.id, ops[1]!.id]);
    completing.open();
    failing.fail(new Error("failed"));
    await settle();
    expect(ops.map((op) => op.status)).toEqual([AsyncStatus.completed, AsyncStatus.error, AsyncStatus.canceled]);
    expect(ids()).toEqual([]);
  });

  it("never lists an operation that is terminal from the start", () => {
    tracking = trackOperations();
    const failed = kind.fromError(new Error("x"));
    failed.catch(() => {});
    kind.fromResult(1);
    kind.canceled();
    kind.run(() => 5);
    expect(liveOperations()).toEqual([]);
  });
});

describe("without tracking", () => {
  it("liveOperations() is empty, whatever is running", () => {
    const op = kinds[0]!.run(() => gate().promise);
    expect(liveOperations()).toEqual([]);
    op.cancel();
  });
});
