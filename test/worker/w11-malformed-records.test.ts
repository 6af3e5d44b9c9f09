// DESIGN 4.1 / the wire protocol: a malformed record, or one carrying __proto__/constructor keys, is rejected
// with a clear error, never pollutes a prototype, and the pool keeps serving.
import { describe, expect, it } from "vitest";
import { AsyncStatus, onUnobservedError } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("records the pool rejects", () => {
  it("a forged error record with a __proto__ key settles nothing, is reported and pollutes nothing", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    // The forged record names slot 0, this very operation, but goes through parentPort, not the pool's channel.
    const op = pool.run("forge", "proto");
    expect(await op).toBe("after");
    expect(op.status).toBe(AsyncStatus.completed);
    await expect.poll(() => reported.length).toBe(1);
    expect(reported[0]).toBeInstanceOf(TypeError);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(await pool.run("echo", "still serving")).toBe("still serving");
  });

  it("a message that is not a batch, or a record of an unknown kind, is reported and the pool goes on", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    expect(await pool.run("forge", "garbage")).toBe("after");
    expect(await pool.run("forge", "bad-kind")).toBe("after");
    await expect.poll(() => reported.length).toBe(2);
    for (const error of reported) expect(error).toBeInstanceOf(TypeError);
    expect(await pool.run("echo", 1)).toBe(1);
  });
});
