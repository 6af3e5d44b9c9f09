// DESIGN 4.6: progress is conflated: a reader that stops reading never makes the server hold more than the latest
// progress and the terminal event. A body reports 10,000 large values while the reader is paused (the socket
// buffers fill); the server's heap does not grow by the reported volume, and the reader, resumed, gets a handful
// of progress events ending with the latest value, then completed.
import { describe, expect, it } from "vitest";
import { EventReader, gate, postStream, useOperationsServer } from "../helpers/http.js";

const VALUES = 10_000;
const SIZE = 20_000; // 10,000 values of ~20 KB: ~200 MB if anything buffered them

describe("a stalled reader", () => {
  it("costs the server one progress value, whatever the body reports", async () => {
    const reported = gate();
    const { base } = await useOperationsServer({
      flood: async (_: unknown, ctx: { report(p: unknown): void }) => {
        for (let i = 0; i < VALUES; i++) {
          ctx.report({ i, pad: "x".repeat(SIZE) });
          // Yield to the event loop so the bridge can write (and the socket fill) between reports.
          if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        reported.open();
        return "done";
      },
    });
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().heapUsed;
    const reader = new EventReader(await postStream(base, { task: "flood" }));
    expect((await reader.next())?.event).toBe("started");
    // Paused: nothing is read while the body reports everything.
    await reported.promise;
    const during = process.memoryUsage().heapUsed;
    expect(during - before).toBeLessThan((VALUES * SIZE) / 4);

    const events = await reader.rest();
    const progress = events.filter((event) => event.event === "progress");
    // The body yields 1,000 times; a reader kept up with would get 1,001 values. Stalled, it gets what the socket
    // buffers held when they filled, then the latest.
    expect(progress.length).toBeLessThan(VALUES / 10);
    expect((JSON.parse(progress.at(-1)!.data) as { i: number }).i).toBe(VALUES - 1);
    expect(events.at(-1)?.event).toBe("completed");
  });
});
