// DESIGN 4.1: progress crosses conflated per flush (latest wins), the last value reported before completion is
// delivered before completion even in the same flush, and nothing is delivered once the operation is terminal.
import { describe, expect, it } from "vitest";
import { AsyncStatus, progressUpdates } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("progress from a worker", () => {
  it("conflates the reports of one flush to the latest, delivered before completion", async () => {
    await using pool = fixturePool();
    const op = pool.run("count", 1000);
    const seen: [string, unknown][] = [];
    op.progress = (_op, value) => seen.push(["handler", value]);
    op.onProgress((value) => seen.push(["listener", value]));
    op.completed = (_op, status) => seen.push(["completed", status]);
    expect(await op).toBe(1000);
    await Promise.resolve();
    expect(seen).toEqual([
      ["handler", 1000],
      ["listener", 1000],
      ["completed", AsyncStatus.completed],
    ]);
  });

  it("delivers reports of separate flushes in order, each while started", async () => {
    await using pool = fixturePool();
    const op = pool.run("steps", 5);
    const values: number[] = [];
    op.progress = (info, value) => {
      expect(info.status).toBe(AsyncStatus.started);
      values.push(value as number);
    };
    await op;
    expect(values).toEqual([1, 2, 3, 4, 5]);
  });

  it("feeds progressUpdates, which ends with the last value", async () => {
    await using pool = fixturePool();
    const op = pool.run("steps", 3);
    const values: unknown[] = [];
    for await (const value of progressUpdates(op)) values.push(value);
    expect(values.at(-1)).toBe(3);
  });

  it("delivers nothing after cancel", async () => {
    await using pool = fixturePool();
    const { buffer, flags } = sharedFlags();
    const op = pool.run("waitCancel", buffer);
    const values: unknown[] = [];
    op.onProgress((value) => values.push(value));
    await pool.run("echo", 0); // the task has started
    op.cancel();
    await flagSet(flags, 1);
    await op[Symbol.asyncDispose]();
    expect(values).toEqual([]);
  });
});
