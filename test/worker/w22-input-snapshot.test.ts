// DESIGN 4.7 rule 6 (issue 16 item 4): a task's input is what it was at the run() call: changing it afterwards, or
// a later run in the same tick that transfers the same buffer, never changes or fails the earlier operation.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("the input is what it was at run()", () => {
  it("changing the input after run() does not change what the task gets", async () => {
    await using pool = fixturePool();
    const scratch = new Uint8Array([1, 2, 3]);
    const record = { n: 1, list: [1] };
    const first = pool.run("echo", scratch);
    const second = pool.run("echo", record);
    scratch.fill(0);
    record.n = 2;
    record.list.push(2);
    expect(Array.from(await first)).toEqual([1, 2, 3]);
    expect(await second).toEqual({ n: 1, list: [1] });
  });

  it("a later run that transfers the same buffer never fails the earlier operation", async () => {
    await using pool = fixturePool();
    const bytes = new Uint8Array(16);
    const copied = pool.run("byteLength", { bytes });
    const moved = pool.run("byteLength", { bytes }, { transfer: [bytes.buffer] });
    const again = pool.run("byteLength", { bytes }, { transfer: [bytes.buffer] });
    const refused = again.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(await copied).toBe(16);
    expect(await moved).toBe(16);
    expect(await refused).toBeInstanceOf(TypeError);
    expect(again.status).toBe(AsyncStatus.error);
  });

  it("a queued operation keeps its snapshot while it waits", async () => {
    await using pool = fixturePool({ window: 1 });
    const busy = pool.run("later", 0);
    const scratch = { value: "at run" };
    const queued = pool.run("echo", scratch);
    expect(pool.snapshot().queued).toBe(1);
    scratch.value = "changed";
    await busy;
    expect(await queued).toEqual({ value: "at run" });
  });
});
