// DESIGN 4.6 client, server restart: with a JobClient runner the edge keeps no state, so when the server process
// goes away and comes back (a new handler, a new JobClient, the same address) the client's reconnects find the
// operation again: it stays started, gets the progress made meanwhile and its result.
import { describe, expect, it } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { JobClient } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { connection, uniqueQueue, useServer } from "../helpers/bullmq.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient across a server restart (JobClient runner)", () => {
  it("resumes the operation on the restarted server", { timeout: 30_000 }, async () => {
    const queue = uniqueQueue("http-restart");
    const steps = [gate(), gate()];
    const tasks = {
      async job(_input: null, ctx: AsyncProgressContext<number>) {
        ctx.report(1);
        await steps[0]!.promise;
        ctx.report(2);
        await steps[1]!.promise;
        return "done";
      },
    };
    await useServer(queue, tasks, { progressIntervalMs: 0 });
    const firstJobs = new JobClient<typeof tasks>(queue, { connection: connection() });
    const first = await useEdge(tasks, { runner: firstJobs });
    const client = useHttpClient<typeof tasks>(first.url, { reconnect: { limit: 1000, delayMs: 5, maxDelayMs: 50 } });
    const op = client.run("job", null);
    const seen: number[] = [];
    const progressed = [gate(), gate()];
    op.onProgress((p) => {
      seen.push(p);
      progressed[p - 1]!.open();
    });
    await progressed[0]!.promise;

    // The server process goes away (its JobClient with it); the job goes on in the consumer.
    await first.close();
    await firstJobs.close();
    steps[0]!.open();
    expect(op.status).toBe(AsyncStatus.started);

    // Another server process on the same address.
    const secondJobs = new JobClient<typeof tasks>(queue, { connection: connection() });
    try {
      await useEdge(tasks, { runner: secondJobs }, { port: first.port });
      await progressed[1]!.promise;
      steps[1]!.open();
      expect(await op).toBe("done");
      expect(seen).toEqual([1, 2]);
    } finally {
      await client.close();
      await secondJobs.close();
    }
  });
});
