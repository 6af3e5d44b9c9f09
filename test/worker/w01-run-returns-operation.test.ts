// DESIGN 4.1: pool.run returns a real AsyncOperationWithProgress (instanceof the root's class), hot (started at
// once), that ends completed with the task's result; description from the options; ids unique.
import { describe, expect, it } from "vitest";
import { AsyncOperationWithProgress, AsyncStatus } from "../../src/index.js";
import { fixturePool } from "../helpers/worker.js";

describe("pool.run returns an AsyncOperationWithProgress", () => {
  it("is started at once and completes with the task's result", async () => {
    await using pool = fixturePool();
    const op = pool.run("add", { a: 2, b: 40 }, { description: "add" });
    expect(op).toBeInstanceOf(AsyncOperationWithProgress);
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.description).toBe("add");
    expect(await op).toBe(42);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(42);
    expect(op.errorCode).toBeNull();
  });

  it("runs async tasks and many operations at once, each with its own result and id", async () => {
    await using pool = fixturePool({ size: 2, window: 4 });
    const ops = Array.from({ length: 200 }, (_, i) => pool.run(i % 2 ? "later" : "echo", i));
    expect(new Set(ops.map((op) => op.id)).size).toBe(200);
    expect(await Promise.all(ops)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("calls the completed handler once with the operation and its status", async () => {
    await using pool = fixturePool();
    const op = pool.run("echo", "x");
    const calls: [unknown, number][] = [];
    await new Promise<void>((resolve) => {
      op.completed = (info, status) => {
        calls.push([info, status]);
        resolve();
      };
    });
    expect(calls).toEqual([[op, AsyncStatus.completed]]);
  });

  it("structured-clones inputs and results", async () => {
    await using pool = fixturePool();
    const input = { date: new Date(0), map: new Map([[1, "a"]]), nested: { list: [1, 2, 3] } };
    const result = await pool.run("echo", input);
    expect(result).toEqual(input);
    expect(result).not.toBe(input);
  });

  it("rejects an unknown task name with a RangeError from the worker", async () => {
    await using pool = fixturePool();
    const op = pool.run("nope", 1);
    await expect(op).rejects.toBeInstanceOf(RangeError);
    expect(op.status).toBe(AsyncStatus.error);
  });
});
