// DESIGN 4.2 progress: ctx.report -> throttled job.updateProgress (latest wins, trailing edge, the last value
// before completion always sent) -> progress, onProgress and progressUpdates in every client watching the job;
// an attaching client gets the current progress once.
import { describe, expect, it } from "vitest";
import { progressUpdates, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("progress", () => {
  it("sends every value in order with progressIntervalMs 0, to the handler, listeners and progressUpdates", async () => {
    const name = uniqueQueue("progress-all");
    const tasks = {
      async count(n: number, ctx: AsyncProgressContext<{ done: number }>) {
        for (let i = 1; i <= n; i++) {
          ctx.report({ done: i });
          await Promise.resolve();
        }
        return n;
      },
    };
    await useServer(name, tasks, { progressIntervalMs: 0 });
    const client = useClient<typeof tasks>(name);
    const op = client.run("count", 20);
    const handler: number[] = [];
    const listener: number[] = [];
    op.progress = (_op, p) => handler.push(p.done);
    op.onProgress((p) => listener.push(p.done));
    const iterated: number[] = [];
    for await (const p of progressUpdates(op)) iterated.push(p.done);
    expect(await op).toBe(20);
    const all = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(handler).toEqual(all);
    expect(listener).toEqual(all);
    expect(iterated.at(-1)).toBe(20);
  });

  it("throttles: conflates values inside the interval, keeps their order and always sends the last one", async () => {
    const name = uniqueQueue("progress-throttle");
    const entered = gate();
    const go = gate();
    const tasks = {
      async count(n: number, ctx: AsyncProgressContext<number>) {
        entered.open();
        await go.promise;
        // Synchronously: every value after the first falls inside one interval.
        for (let i = 1; i <= n; i++) ctx.report(i);
        return n;
      },
    };
    await useServer(name, tasks, { progressIntervalMs: 60_000 });
    const watcher = useClient<typeof tasks>(name);
    const client = useClient<typeof tasks>(name);
    const seen: number[] = [];
    const seenByOther: number[] = [];
    const op = client.run("count", 1000);
    op.onProgress((p) => seen.push(p));
    await entered.promise;
    const other = watcher.attach<"count">(op.jobId);
    other.onProgress((p) => seenByOther.push(p));
    go.open();
    expect(await op).toBe(1000);
    await other;
    // Leading edge (1) and the value flushed before completion (1000): nothing in between within one interval.
    expect(seen).toEqual([1, 1000]);
    expect(seenByOther.at(-1)).toBe(1000);
  });

  it("gives an attaching client the current progress once, then the following values", async () => {
    const name = uniqueQueue("progress-attach");
    const step = gate();
    const reported = gate();
    const tasks = {
      async steps(_input: null, ctx: AsyncProgressContext<string>) {
        ctx.report("first");
        reported.open();
        await step.promise;
        ctx.report("second");
        return "end";
      },
    };
    await useServer(name, tasks, { progressIntervalMs: 0 });
    const client = useClient<typeof tasks>(name);
    const op = client.run("steps", null);
    const first = new Promise((resolve) => op.onProgress(resolve));
    await reported.promise;
    expect(await first).toBe("first");
    const later = useClient<typeof tasks>(name);
    const attached = later.attach<"steps">(op.jobId);
    const values: string[] = [];
    const current = new Promise((resolve) => attached.onProgress((p) => (values.push(p), resolve(p))));
    expect(await current).toBe("first");
    step.open();
    expect(await attached).toBe("end");
    expect(values).toEqual(["first", "second"]);
  });

  it("delivers no progress on attach when the job never reported any", async () => {
    const name = uniqueQueue("progress-none");
    const hold = gate();
    const entered = gate();
    const tasks = {
      async quiet() {
        entered.open();
        await hold.promise;
        return 1;
      },
    };
    await useServer(name, tasks);
    const client = useClient<typeof tasks>(name);
    const op = client.run("quiet");
    await entered.promise;
    const attached = client.attach<"quiet">(op.jobId);
    const values: unknown[] = [];
    attached.onProgress((p) => values.push(p));
    hold.open();
    expect(await attached).toBe(1);
    expect(values).toEqual([]);
  });
});
