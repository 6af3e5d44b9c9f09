// Case 9: dropping every reference to a running op does not stop it: its body finishes, its handler runs, nothing crashes.
import { beforeEach, describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, captureUnobserved, gate, settle, watchUnhandledRejections } from "../helpers/fixtures.js";

let unhandled: unknown[] = [];
beforeEach(() => {
  unhandled = watchUnhandledRejections();
});

describe.each(kinds)("$name", (kind) => {
  it("the body still finishes after the test dropped the op", async () => {
    const log: string[] = [];
    const unobserved = captureUnobserved();
    const listenerErrors = captureListenerErrors();
    const g = gate();
    // No reference to the operation is kept anywhere in the test.
    kind.run(async () => {
      await g.promise;
      log.push("done");
      return 123;
    });
    await settle();
    expect(log).toEqual([]);
    g.open();
    await settle();
    await settle();
    expect(log).toEqual(["done"]);
    expect(unhandled).toEqual([]);
    expect(unobserved).toEqual([]);
    expect(listenerErrors).toEqual([]);
  });

  it("a completed handler on a dropped op still runs with completed", async () => {
    const statuses: AsyncStatus[] = [];
    const g = gate();
    kind.run(async () => {
      await g.promise;
      return 123;
    }).completed = (_sender, status) => statuses.push(status);
    g.open();
    await settle();
    await settle();
    expect(statuses).toEqual([AsyncStatus.completed]);
    expect(unhandled).toEqual([]);
  });
});
