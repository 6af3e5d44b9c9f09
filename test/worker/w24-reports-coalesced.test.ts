// DESIGN 4.7 rule 9 (issue 16 item 6): problems are reported once per burst: one message of 20,000 bad records
// gives one report that counts them; a thread that keeps crashing with no operation gives a bounded number of
// crash reports.
import { describe, expect, it } from "vitest";
import { onUnobservedError } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("reports are coalesced", () => {
  it("one message with 20,000 bad records gives one report that counts them", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    expect(await pool.run("flood", 20_000)).toBe(20_000);
    expect(await pool.run("echo", 1)).toBe(1);
    await expect.poll(() => reported.length).toBeGreaterThan(0);
    await pool.run("later", 0);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(TypeError);
    expect((reported[0] as Error).message).toContain("20000");
  });

  it("a thread that crashes after every task, with no operation held, is reported a bounded number of times", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    for (let i = 0; i < 20; i++) {
      expect(await pool.run("throwAfter", 0)).toBe("done");
      await expect.poll(() => pool.snapshot().threads).toBe(0);
    }
    expect(reported.length).toBeGreaterThanOrEqual(1);
    expect(reported.length).toBeLessThanOrEqual(3);
  });
});
