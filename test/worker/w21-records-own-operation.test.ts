// DESIGN 4.7 rule 7 (issue 16 item 3): a worker's records reach only their own operation. Records travel over a
// private channel handed over at start, with a per-run sequence number; a record task code posts to parentPort
// is rejected and reported (once per message), never settles another operation and never shifts later results.
import { describe, expect, it } from "vitest";
import { AsyncStatus, onUnobservedError } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("records reach only their own operation", () => {
  it("a stray record naming the slot of a later operation never shifts later results", async () => {
    await using pool = fixturePool({ window: 1 });
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    expect(await pool.run("stray", { slot: 0, value: "forged" })).toBe("own");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await pool.run("echo", i));
    expect(results).toEqual([0, 1, 2, 3, 4]);
    await expect.poll(() => reported.length).toBe(1);
    expect(reported[0]).toBeInstanceOf(TypeError);
  });

  it("a task cannot settle another caller's running operation", async () => {
    await using pool = fixturePool({ window: 4 });
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    const { buffer, flags, started } = sharedFlags();
    const waiting = pool.run("waitCancel", buffer); // slot 0
    await flagSet(started, 0);
    expect(await pool.run("stray", { slot: 0, value: "forged" })).toBe("own");
    expect(waiting.status).toBe(AsyncStatus.started);
    waiting.cancel();
    await flagSet(flags, 1);
    await expect.poll(() => reported.length).toBe(1);
    expect(await pool.run("echo", "after")).toBe("after");
  });
});
