// Nothing hangs when Redis cannot be reached: a client and a server that never reached it, and ones that lost it
// (a TCP proxy drops every connection and refuses new ones), close; pending operations end in error with
// DisconnectedError.
import { describe, expect, it, onTestFinished } from "vitest";
import { AsyncStatus, DisconnectedError } from "../../src/index.js";
import { JobClient, serve } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { connection, uniqueQueue } from "../helpers/bullmq.js";
import { startProxy } from "../support/tcp-proxy.js";

describe("closing without Redis", () => {
  it("closes a client and a server that never reached Redis", async () => {
    const name = uniqueQueue("never-reached");
    const nowhere = { host: "127.0.0.1", port: 1, maxRetriesPerRequest: null };
    const client = new JobClient<{ work(n: number): number }>(name, { connection: nowhere });
    const server = serve(name, { work: (n: number) => n }, { connection: nowhere });
    const op = client.run("work", 1);
    const failure = rejection(op);
    await client.close();
    await server.close();
    expect(await failure).toBeInstanceOf(DisconnectedError);
    expect(op.status).toBe(AsyncStatus.error);
  });

  it("closes a client and a server that lost Redis while a job ran", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("lost");
    const direct = connection();
    const proxy = await startProxy(direct.host, direct.port);
    onTestFinished(() => proxy.close());
    const through = { ...direct, port: proxy.port };
    const entered = gate();
    const tasks = {
      async hold(_input: null, ctx: { signal: AbortSignal }) {
        entered.open();
        await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      },
    };
    const server = serve(name, tasks, { connection: through, closeGraceMs: 0 });
    await server.ready;
    const client = new JobClient<typeof tasks>(name, { connection: through });
    const op = client.run("hold", null);
    const failure = rejection(op);
    await entered.promise;
    proxy.drop();
    await client.close();
    await server.close();
    expect(await failure).toBeInstanceOf(DisconnectedError);
  });
});
