// DESIGN 4.2: a job that fails for good ends the operation in error with the rebuilt error (class, hresult,
// cause, data), not BullMQ's string; a thrown non-Error rejects with the value itself; jobs failed by foreign
// workers fall back to their failedReason.
import { describe, expect, it } from "vitest";
import { Worker } from "bullmq";
import { onTestFinished } from "vitest";
import { AsyncError, AsyncStatus, HResult, TimeoutError } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { connection, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("structured errors", () => {
  it("rebuilds the class, hresult, cause chain and own data of what the task threw", async () => {
    const name = uniqueQueue("errors");
    const tasks = {
      timeout(): never {
        throw new TimeoutError("too slow", { cause: new RangeError("limit 5") });
      },
      custom(): never {
        class QuotaError extends Error {
          override name = "QuotaError";
          hresult = HResult.E_INVALIDARG;
          quota = { used: 7, limit: 5 };
        }
        throw new QuotaError("over quota");
      },
      value(): never {
        throw { code: 42 };
      },
    };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);

    const timeout = client.run("timeout");
    const error = await rejection(timeout);
    expect(timeout.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).hresult).toBe(HResult.ERROR_TIMEOUT);
    expect((error as Error).message).toBe("too slow");
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    expect(((error as Error).cause as Error).message).toBe("limit 5");
    expect(timeout.errorCode).toBe(error);

    const custom = client.run("custom");
    const quota = await rejection(custom);
    expect(quota).toBeInstanceOf(AsyncError);
    expect((quota as AsyncError).name).toBe("QuotaError");
    expect((quota as AsyncError).hresult).toBe(HResult.E_INVALIDARG);
    expect((quota as unknown as { quota: unknown }).quota).toEqual({ used: 7, limit: 5 });

    const value = client.run("value");
    expect(await rejection(value)).toEqual({ code: 42 });
    expect(value.errorCode).toBeInstanceOf(AsyncError);
    expect((value.errorCode as AsyncError).hresult).toBe(HResult.E_FAIL);
  });

  it("falls back to failedReason for a job a foreign (plain BullMQ) worker failed", async () => {
    const name = uniqueQueue("foreign");
    const worker = new Worker(
      name,
      async () => {
        throw new Error("failed by a plain worker");
      },
      { connection: connection() },
    );
    onTestFinished(() => worker.close());
    const client = useClient<{ anything(): void }>(name);
    const op = client.run("anything");
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(AsyncError);
    expect((error as AsyncError).hresult).toBe(HResult.E_FAIL);
    expect((error as Error).message).toBe("failed by a plain worker");
  });
});
