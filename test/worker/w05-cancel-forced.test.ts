// DESIGN 4.1, cancel (forced second): a body still running cancelGraceMs after the cancel gets its worker
// terminated and replaced; other operations that worker was running end error with DisconnectedError; those it
// had not started run on another worker; the canceled operation's [Symbol.asyncDispose] waits for the termination.
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult } from "../../src/index.js";
import { fixturePool, flagSet, sharedFlags } from "../helpers/worker.js";

describe("a body that ignores cancellation", () => {
  it("gets its worker terminated after the grace period; others running there end DisconnectedError", async () => {
    await using pool = fixturePool({ cancelGraceMs: 20 });
    const { buffer, flags } = sharedFlags();
    const other = pool.run("later", "x"); // started on the same worker, awaiting a timer
    const blocker = pool.run("block", buffer);
    await flagSet(flags, 0);
    const queuedBehind = pool.run("echo", "after"); // sent to the blocked worker, not started
    const firstThread = pool.snapshot().threads;
    expect(firstThread).toBe(1);
    blocker.cancel();
    expect(blocker.status).toBe(AsyncStatus.canceled);
    await blocker[Symbol.asyncDispose]();
    await expect(other).rejects.toBeInstanceOf(DisconnectedError);
    expect((other.errorCode as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
    expect(await queuedBehind).toBe("after");
    expect(pool.snapshot().threads).toBe(1);
  });
});
