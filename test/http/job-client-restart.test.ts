// DESIGN 4.6: with a JobClient runner the edge keeps no state, so a server restarted (a new handler, a new
// JobClient, a new port) serves an id the old one gave: the snapshot, and the event stream resumed with
// Last-Event-ID, follow the job to its end.
import { describe, expect, it } from "vitest";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";
import { EventReader, gate, getStream, postStream, useOperationsServer } from "../helpers/http.js";

describe("a restarted server with a JobClient runner", () => {
  it("serves the operations the old one started", async () => {
    const queue = uniqueQueue("http-restart");
    const release = gate();
    const tasks = {
      slow: async (n: number, ctx: { report(p: number): void }) => {
        ctx.report(1);
        await release.promise;
        return n + 1;
      },
    };
    await useServer(queue, tasks, { progressIntervalMs: 0 });

    const first = await useOperationsServer(tasks, { runner: useClient<typeof tasks>(queue) });
    const response = await postStream(first.base, { task: "slow", input: 41 });
    const location = response.headers.get("location")!;
    const reader = new EventReader(response);
    expect((await reader.next())?.event).toBe("started");
    const progress = await reader.next();
    expect(progress?.event).toBe("progress");
    // The first server goes away (handler closed, connections cut); its job goes on.
    await first.handler.close();
    await first.stop();

    const second = await useOperationsServer(tasks, { runner: useClient<typeof tasks>(queue) });
    const url = second.origin + location;
    expect(await (await fetch(url)).json()).toMatchObject({ status: "started", progress: 1 });
    const resumed = new EventReader(await getStream(url, { "last-event-id": progress!.id! }));
    // Another instance cannot know what the reader saw: it sends what it holds, numbered above the reader's id.
    const next = await resumed.next();
    expect(next?.event).toBe("progress");
    expect(Number(next?.id)).toBeGreaterThan(Number(progress!.id));
    release.open();
    const rest = await resumed.rest();
    expect(rest.map((event) => [event.event, event.data])).toEqual([["completed", "42"]]);
    expect(await (await fetch(url)).json()).toMatchObject({ status: "completed", result: 42 });
  });
});
