// A decoded error's own data never shadows Error.prototype members on the producer (issue 17 item 9, DESIGN 4.7
// #10): a job failed by another worker with a forged envelope in its log (data named toString, valueOf,
// hasOwnProperty, toJSON) still reads as an error whose String() works, and the data that shadowed nothing survives.
import { describe, expect, it } from "vitest";
import { Worker } from "bullmq";
import { AsyncError } from "../../src/index.js";
import { ERROR_LOG_PREFIX } from "../../src/bullmq/job-outcome.js";
import { rejection } from "../helpers/caught.js";
import { connection, uniqueQueue, useClient } from "../helpers/bullmq.js";

describe("a forged error envelope", () => {
  it("cannot shadow Error methods: String(err) works and the rest of its data survives", async () => {
    const name = uniqueQueue("forged-envelope");
    const reason = "forged failure";
    const envelope = {
      thrown: "error",
      name: "AsyncError",
      message: reason,
      hresult: -2147467259,
      data: { toString: "not a function", valueOf: 1, hasOwnProperty: "x", toJSON: "y", detail: "kept" },
    };
    const worker = new Worker(
      name,
      async (job) => {
        await job.log(ERROR_LOG_PREFIX + JSON.stringify({ reason, error: envelope }));
        throw new Error(reason);
      },
      { connection: connection() },
    );
    try {
      const client = useClient<{ work(n: number): number }>(name);
      const error = await rejection(client.run("work", 1));
      expect(error).toBeInstanceOf(AsyncError);
      expect(String(error)).toBe(`AsyncError: ${reason}`);
      expect(`${error as Error}`).toBe(`AsyncError: ${reason}`);
      expect(Object.hasOwn(error as object, "toString")).toBe(false);
      expect(Object.hasOwn(error as object, "valueOf")).toBe(false);
      expect((error as { detail?: unknown }).detail).toBe("kept");
    } finally {
      await worker.close();
    }
  });
});
