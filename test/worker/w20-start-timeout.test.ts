// DESIGN 4.7 rule 8 (issue 16 item 2): a module that never calls expose() but keeps its thread alive is
// terminated after startTimeoutMs and its operations end DisconnectedError saying it did not call expose() in
// time; a module that ends without calling expose() says that, not "failed to load".
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult } from "../../src/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { fixtureUrl } from "../helpers/worker.js";

async function outcome(mode: string, startTimeoutMs?: number): Promise<{ status: AsyncStatus; error: unknown }> {
  // A worker thread takes its copy of the environment when it starts.
  process.env["WINRT_ASYNC_NEVER_EXPOSES"] = mode;
  await using pool = new WorkerPool(fixtureUrl("never-exposes.mjs"), {
    size: 1,
    ...(startTimeoutMs === undefined ? {} : { startTimeoutMs }),
  });
  const op = pool.run("anything", 1);
  delete process.env["WINRT_ASYNC_NEVER_EXPOSES"];
  const error = await op.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { status: op.status, error };
}

describe("a module that does not call expose()", () => {
  it("keeping its thread alive, is terminated after startTimeoutMs; the operation says it did not call expose() in time", async () => {
    const { status, error } = await outcome("alive", 300);
    expect(status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(DisconnectedError);
    expect((error as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
    expect((error as Error).message).toContain("did not call expose() in time");
  });

  it("ending without calling expose(), ends the operation saying so", async () => {
    const { status, error } = await outcome("exit");
    expect(status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(DisconnectedError);
    expect((error as Error).message).toContain("without calling expose()");
  });

  it("startTimeoutMs is checked like the other durations", () => {
    expect(() => new WorkerPool(fixtureUrl("tasks.mjs"), { startTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => new WorkerPool(fixtureUrl("tasks.mjs"), { startTimeoutMs: "1" as unknown as number })).toThrow(TypeError);
  });
});
