// DESIGN 4.1, crashes: a throw in a timer, process.exit, a module that fails to load, an out-of-memory under
// resourceLimits each end every operation the worker held in error with DisconnectedError (RPC_E_DISCONNECTED);
// the worker is replaced; nothing hangs; a module that fails to load is not respawned in a tight loop; a crash
// nobody observed goes to the unobserved-error report.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult, onUnobservedError } from "../../src/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { type AnyTasks, fixturePool, fixtureUrl } from "../helpers/worker.js";

async function disconnected(op: PromiseLike<unknown> & { status: number }): Promise<DisconnectedError> {
  const error = await Promise.resolve(op).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(op.status).toBe(AsyncStatus.error);
  expect(error).toBeInstanceOf(DisconnectedError);
  expect((error as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
  return error as DisconnectedError;
}

const scratch = mkdtempSync(join(tmpdir(), "winrt-async-crash-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a worker that crashes", () => {
  it("a throw in a timer ends every operation it held; the replacement serves the next run", async () => {
    await using pool = fixturePool();
    const crashing = pool.run("throwLater");
    const bystander = pool.run("steps", 1000);
    const error = await disconnected(crashing);
    expect((error.cause as Error).message).toBe("thrown in a timer");
    await disconnected(bystander);
    expect(await pool.run("echo", "again")).toBe("again");
  });

  it("process.exit ends its operations with the exit code as cause", async () => {
    await using pool = fixturePool();
    const error = await disconnected(pool.run("exit", 7));
    expect((error.cause as { exitCode?: number }).exitCode).toBe(7);
    expect(await pool.run("echo", 1)).toBe(1);
  });

  it("running out of memory under resourceLimits ends its operations", async () => {
    await using pool = fixturePool({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const error = await disconnected(pool.run("hog"));
    expect((error.cause as { code?: string }).code).toBe("ERR_WORKER_OUT_OF_MEMORY");
    expect(await pool.run("echo", 2)).toBe(2);
  });

  it("a module that fails to load fails the operations sent to it and is not respawned without new work", async () => {
    const counter = join(scratch, "loads.txt");
    process.env["WINRT_ASYNC_LOAD_COUNTER"] = counter;
    await using pool = new WorkerPool<AnyTasks>(fixtureUrl("fails-to-load.mjs"), { size: 2 });
    const ops = [pool.run("never"), pool.run("never"), pool.run("never")];
    for (const error of await Promise.all(ops.map(disconnected))) {
      expect((error.cause as Error).message).toBe("this module cannot load");
    }
    const loadsAfterFirst = readFileSync(counter, "utf8").split("\n").filter(Boolean).length;
    expect(loadsAfterFirst).toBeGreaterThanOrEqual(1);
    expect(loadsAfterFirst).toBeLessThanOrEqual(2);
    // A later run tries again (after a back-off), and fails again: nothing hangs.
    await disconnected(pool.run("never"));
    expect(pool.snapshot().queued).toBe(0);
    const loads = readFileSync(counter, "utf8").split("\n").filter(Boolean).length;
    expect(loads).toBeLessThanOrEqual(loadsAfterFirst + 2);
  });

  it("a crash that nobody observed goes to the unobserved-error report", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    void pool.run("exit", 3); // nobody awaits it
    await pool.run("echo", 0).then(undefined, () => undefined);
    await expect.poll(() => reported.length).toBeGreaterThan(0);
    expect(reported[0]).toBeInstanceOf(DisconnectedError);
  });

  it("a crash while the worker holds no operation goes to the unobserved-error report", async () => {
    await using pool = fixturePool();
    const reported: unknown[] = [];
    using _subscription = onUnobservedError((error) => reported.push(error));
    expect(await pool.run("throwAfter", 5)).toBe("done");
    await expect.poll(() => reported.length).toBeGreaterThan(0);
    expect(reported[0]).toBeInstanceOf(DisconnectedError);
    expect(((reported[0] as Error).cause as Error).message).toBe("crashed after the task completed");
    expect(await pool.run("echo", 9)).toBe(9);
  });
});
