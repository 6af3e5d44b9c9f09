// A result is not thrown away on close (issue 17 item 8): a body that ignores the close-time cancel and returns a
// result within the close's bound completes its job with that result; the job is not put back in the queue and
// run a second time by another consumer.
import { describe, expect, it } from "vitest";
import { serve } from "../../src/bullmq/index.js";
import type { AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("server.close", () => {
  it("keeps the result of a body that returned one after its close-time cancel", async () => {
    const name = uniqueQueue("close-keeps-result");
    const entered = gate();
    let runs = 0;
    const first = {
      async work(n: number, ctx: AsyncProgressContext<never>) {
        runs++;
        entered.open();
        // Finishes its work anyway once the close cancels it (say, the last step was cheap).
        await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
        return n * 2;
      },
    };
    const server = serve(name, first, { connection: connection(), closeGraceMs: 0 });
    await server.ready;
    const client = useClient<typeof first>(name);
    const op = client.run("work", 21);
    await entered.promise;
    const other = {
      work() {
        runs++;
        return -1;
      },
    };
    await useServer(name, other); // would take the job if it went back to the queue
    await server.close();
    expect(await op).toBe(42);
    expect(runs).toBe(1);
    expect((await rawQueue(name).getJob(op.jobId))?.attemptsMade).toBe(1);
  });
});
