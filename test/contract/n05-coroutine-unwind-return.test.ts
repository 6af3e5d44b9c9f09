// DESIGN 4.3 item 4: after cancel() the body unwinds through the generator's return(), on a microtask after
// cancel() has returned (never inside it): catch blocks are skipped, finally blocks run innermost first.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("runs finally blocks innermost first, skips catch blocks, after cancel() returned and its handler was told", async () => {
    const unobserved = captureUnobserved();
    const log: string[] = [];
    const g = gate();
    const op = kind.run(function* () {
      try {
        try {
          yield g.promise;
          log.push("resumed");
        } catch {
          log.push("inner catch");
        } finally {
          log.push("inner finally");
        }
        log.push("between");
      } catch {
        log.push("outer catch");
      } finally {
        log.push("outer finally");
      }
      log.push("after");
    });
    op.completed = (_op, status) => log.push(`completed ${status}`);
    op.cancel();
    log.push("cancel returned");
    expect(log).toEqual(["cancel returned"]);
    await settle();
    // The handler is told promptly (DESIGN 2.3 #5), before the body unwinds on a later microtask.
    expect(log).toEqual(["cancel returned", `completed ${AsyncStatus.canceled}`, "inner finally", "outer finally"]);
    expect(op.status).toBe(AsyncStatus.canceled);
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("does not resume the body when the awaited value settles after the cancel", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(function* () {
      try {
        yield g.promise;
        log.push("resumed");
      } finally {
        log.push("finally");
      }
    });
    op.cancel();
    g.open();
    await settle();
    await settle();
    expect(log).toEqual(["finally"]);
  });

  it("a second cancel() is a no-op and the body unwinds once", async () => {
    const log: string[] = [];
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        log.push("finally");
      }
    });
    op.cancel();
    op.cancel();
    await settle();
    op.cancel();
    await settle();
    expect(log).toEqual(["finally"]);
  });
});
