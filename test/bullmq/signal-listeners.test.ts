// No listener leaks on a long-lived signal (DESIGN 3.2): every operation a client links to a caller's signal
// removes its listener once it settles, whichever way (completed, failed, canceled by the signal itself).
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("signals linked to job operations", () => {
  it("leave no abort listener behind once the operations settle", { timeout: 20_000 }, async () => {
    const name = uniqueQueue("signal-listeners");
    const tasks = {
      echo: (n: number) => n,
      fail(): never {
        throw new Error("no");
      },
    };
    await useServer(name, tasks, { concurrency: 20 });
    const client = useClient<typeof tasks>(name);
    const longLived = new AbortController();
    const ops = [
      ...Array.from({ length: 30 }, (_, i) => client.run("echo", i, { signal: longLived.signal })),
      ...Array.from({ length: 10 }, () => client.run("fail", undefined, { signal: longLived.signal })),
    ];
    // The core watches a signal through one listener however many operations link to it (issue 8, item 4).
    expect(getEventListeners(longLived.signal, "abort").length).toBe(1);
    await Promise.allSettled(ops);
    expect(getEventListeners(longLived.signal, "abort")).toHaveLength(0);

    const shortLived = new AbortController();
    const canceled = client.run("echo", 1, { signal: shortLived.signal, job: { delay: 60_000 } });
    shortLived.abort();
    expect(canceled.status).toBe(AsyncStatus.canceled);
    expect(getEventListeners(shortLived.signal, "abort")).toHaveLength(0);
    await canceled[Symbol.asyncDispose]();
  });
});
