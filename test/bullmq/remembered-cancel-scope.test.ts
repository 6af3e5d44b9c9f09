// A cancel that a serve remembers for a job it does not hold (it may be about to take it) reaches only that job,
// never a later job that reuses the id (issue 17 item 3): two serves share a queue, a job is canceled while the
// first one runs it (the second remembers the announcement), the job is removed, a new job with the same id is
// added, and the second serve runs it to completion.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("a remembered cancel", () => {
  it("does not cancel a later job that reuses the id", async () => {
    const name = uniqueQueue("cancel-reuse");
    const entered = gate();
    const holder = {
      async work(_n: number, ctx: AsyncProgressContext<never>) {
        entered.open();
        await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
        ctx.throwIfCanceled();
        return 0;
      },
    };
    const first = await useServer(name, holder);
    const client = useClient<typeof holder>(name);
    const queue = rawQueue(name);
    const op = client.run("work", 1, { job: { jobId: "reused" } });
    await entered.promise;
    // The second serve starts only now, so the first one holds the job; it hears the announcement and remembers it.
    const second = await useServer(name, { work: (n: number) => n * 100 });
    op.cancel();
    await rejection(op);
    await vi.waitFor(async () => expect(await queue.getJobState("reused")).toBe("failed"));
    await first.close();
    await queue.remove("reused");
    const again = client.run("work", 2, { job: { jobId: "reused" } });
    expect(await again).toBe(200);
    expect(again.status).toBe(AsyncStatus.completed);
    await second.close();
  });
});
