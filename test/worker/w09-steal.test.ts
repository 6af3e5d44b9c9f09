// DESIGN 4.1: an idle worker takes queued operations that a busy worker was sent but has not started, so a long
// task does not hold short ones hostage.
import { describe, expect, it } from "vitest";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("an idle worker takes work a busy one has not started", () => {
  it("short operations sent behind a blocked task finish on the other worker", async () => {
    await using pool = fixturePool({ size: 2 });
    const long = sharedFlags();
    const medium = sharedFlags();
    const blocker = pool.run("block", long.buffer); // worker 1
    const second = pool.run("block", medium.buffer); // worker 2
    await flagSet(long.flags, 0);
    await flagSet(medium.flags, 0);
    // Least loaded first: these alternate between the two busy workers; half wait behind the long blocker.
    const shorts = Array.from({ length: 6 }, (_, i) => pool.run("threadId", i));
    // Worker 2 becomes idle; it takes the shorts worker 1 has not started.
    Atomics.store(medium.flags, 1, 1);
    Atomics.notify(medium.flags, 1);
    expect(await second).toBe("unblocked");
    const threads = await Promise.all(shorts);
    expect(new Set(threads).size).toBe(1);
    expect(pool.snapshot().running).toBe(1);
    Atomics.store(long.flags, 1, 1);
    Atomics.notify(long.flags, 1);
    expect(await blocker).toBe("unblocked");
  });
});
