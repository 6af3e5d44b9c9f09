// DESIGN 1.2 / 3.2 for pool.run: the listener put on options.signal is removed as soon as the operation settles,
// so a long-lived signal shared by many operations does not leak.
import { getEventListeners, setMaxListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { fixturePool } from "../helpers/worker.js";

describe("a signal given to pool.run", () => {
  it("keeps no listener once the operations settle (a long-lived signal does not leak)", async () => {
    await using pool = fixturePool();
    const controller = new AbortController();
    setMaxListeners(100, controller.signal); // 50 operations share it: not a leak while they run
    const ops = Array.from({ length: 50 }, (_, i) => pool.run("echo", i, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, "abort").length).toBeGreaterThan(0);
    await Promise.all(ops);
    expect(getEventListeners(controller.signal, "abort").length).toBe(0);
  });
});
