// DESIGN 4.1 / the wire protocol: a malformed record, or one carrying __proto__/constructor keys, is rejected
// with a clear error, never pollutes a prototype, and the pool keeps serving.
import { describe, expect, it } from "vitest";
import { AsyncStatus, onUnobservedError } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("records the pool rejects", () => {
  it("an error record with a __proto__ key fails its operation with a TypeError and pollutes nothing", async () => {
    await using pool = fixturePool();
    const op = pool.run("forge", "proto"); // the forged record names slot 0: this very operation
    const error = await op.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("__proto__");
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(error)).toBe(TypeError.prototype);
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
