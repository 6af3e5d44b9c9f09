// Issue 16 item 9: bad input is refused clearly: a detached buffer in a transfer list ends the operation in error
// naming the input path; a non-cloneable input names the task and the path inside the input; a run() that throws
// for bad options makes no operation; the constructor checks resourceLimits' values and (Node) that a path module
// exists; an unknown task gets serve's wording with the nearest name suggested.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { liveOperations, trackOperations } from "../../src/diagnostics/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { fixturePool, tasksUrl } from "../helpers/worker.js";

async function failure(op: PromiseLike<unknown> & { status: AsyncStatus }): Promise<Error> {
  const error = await Promise.resolve(op).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(op.status).toBe(AsyncStatus.error);
  return error as Error;
}

describe("bad input is refused clearly", () => {
  it("a detached buffer in the transfer list ends the operation in error naming its path in the input", async () => {
    await using pool = fixturePool();
    const bytes = new Uint8Array(8);
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    const error = await failure(pool.run("byteLength", { bytes }, { transfer: [bytes.buffer] }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain("input.bytes");
    expect(error.message).toContain("detached");
  });

  it("a non-cloneable input names the task and the path inside the input", async () => {
    await using pool = fixturePool();
    const error = await failure(pool.run("echo", { config: { list: [1, { hook: () => 1 }] } }));
    expect(error.name).toBe("DataCloneError");
    expect(error.message).toContain('"echo"');
    expect(error.message).toContain("input.config.list[1].hook");
    expect(await pool.run("echo", 1)).toBe(1);
  });

  it("run() that throws for bad options leaves no operation behind", async () => {
    using _tracking = trackOperations();
    await using pool = fixturePool();
    expect(() => pool.run("echo", 1, { transfer: "x" as never })).toThrow(TypeError);
    expect(() => pool.run("echo", 1, { signal: 1 as never })).toThrow(TypeError);
    expect(() => pool.run("echo", 1, { description: 3 as never })).toThrow(TypeError);
    expect(liveOperations()).toEqual([]);
  });

  it("the constructor checks the values inside resourceLimits", () => {
    expect(() => new WorkerPool(tasksUrl, { resourceLimits: { maxOldGenerationSizeMb: -1 } })).toThrow(RangeError);
    expect(() => new WorkerPool(tasksUrl, { resourceLimits: { stackSizeMb: Number.NaN } })).toThrow(RangeError);
    expect(() => new WorkerPool(tasksUrl, { resourceLimits: { codeRangeSizeMb: "8" as never } })).toThrow(TypeError);
    expect(() => new WorkerPool(tasksUrl, { resourceLimits: { maxOldGenSizeMb: 8 } as never })).toThrow(TypeError);
    expect(() => new WorkerPool(tasksUrl, { resourceLimits: { maxOldGenerationSizeMb: 64 } })).not.toThrow();
  });

  it("in Node, the constructor checks that a path module exists", () => {
    expect(() => new WorkerPool(new URL("./no-such-module.mjs", tasksUrl))).toThrow(TypeError);
    expect(() => new WorkerPool("./no/such/module.mjs")).toThrow(TypeError);
    expect(() => new WorkerPool(tasksUrl.pathname)).not.toThrow();
  });

  it("an unknown task gets serve's wording, with the nearest name suggested", async () => {
    await using pool = fixturePool();
    const error = await failure(pool.run("ad", { a: 1, b: 2 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toMatch(/^Unknown task "ad": this worker exposes echo, add, /);
    expect(error.message).toContain('did you mean "add"?');
  });
});
