// DESIGN 4.2: server.close() stops taking jobs and waits for the running ones; those still running after the
// grace period are canceled (ctx.signal aborts) and go back to the queue, where another consumer runs them.
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { serve } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { connection, rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("server.close", () => {
  it("lets a running job finish within the grace period and takes no new job", async () => {
    const name = uniqueQueue("server-graceful");
    const hold = gate();
    const entered = gate();
    const tasks = {
      async work(n: number) {
        entered.open();
        await hold.promise;
        return n;
      },
    };
    const server = serve(name, tasks, { connection: connection(), closeGraceMs: 60_000 });
    await server.ready;
    const client = useClient<typeof tasks>(name);
    const op = client.run("work", 7);
    await entered.promise;
    const closed = server.close();
    const next = client.run("work", 8);
    hold.open();
    await closed;
    expect(await op).toBe(7);
    expect(await rawQueue(name).getJobState(next.jobId)).toBe("waiting");
    expect(next.status).toBe(AsyncStatus.started);
    next.cancel();
  });

  it("cancels a job still running after the grace period and returns it to the queue for another consumer", async () => {
    const name = uniqueQueue("server-grace-over");
    const entered = gate();
    const aborted: unknown[] = [];
    let servedBy = "";
    const first = {
      async work(n: number, ctx: AsyncProgressContext<never>) {
        entered.open();
        await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
        aborted.push(ctx.signal.reason);
        servedBy = "first";
        ctx.throwIfCanceled(); // gives up (a body that returned a result would complete its job: close-keeps-result)
        return -1;
      },
    };
    const second = {
      work(n: number) {
        servedBy = "second";
        return n * 10;
      },
    };
    const server = serve(name, first, { connection: connection(), closeGraceMs: 0 });
    await server.ready;
    const client = useClient<typeof first>(name);
    const op = client.run("work", 5);
    await entered.promise;
    await server.close();
    expect(aborted).toHaveLength(1);
    expect(op.status).toBe(AsyncStatus.started);
    await vi.waitFor(async () => expect(await rawQueue(name).getJobState(op.jobId)).toBe("waiting"));
    await useServer(name, second);
    expect(await op).toBe(50);
    expect(servedBy).toBe("second");
  });
});
