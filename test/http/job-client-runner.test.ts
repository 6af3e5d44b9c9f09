// DESIGN 4.6: with runner: a JobClient the HTTP id is the job id and the edge keeps no state: a body runs in a serve
// consumer (here in this process, on the suite's real redis-server), its progress and result reach the HTTP stream,
// a DELETE reaches its signal, and an unknown id is 404 without touching a job.
import { describe, expect, it } from "vitest";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";
import { EventReader, gate, getStream, post, postStream, useOperationsServer } from "../helpers/http.js";

describe("a JobClient runner", () => {
  it("runs the task as a job whose id is the operation id, and cancels it from a DELETE", async () => {
    const queue = uniqueQueue("http-jobs");
    const aborted = gate<string>();
    const tasks = {
      double: (n: number, ctx: { report(p: number): void }) => (ctx.report(n), n * 2),
      wait: (_: unknown, ctx: { signal: AbortSignal; report(p: string): void }) =>
        new Promise((_resolve, reject) => {
          ctx.report("waiting");
          ctx.signal.addEventListener("abort", () => {
            aborted.open((ctx.signal.reason as Error).name);
            reject(ctx.signal.reason as Error);
          });
        }),
    };
    await useServer(queue, tasks, { progressIntervalMs: 0 });
    const client = useClient<typeof tasks>(queue);
    const raw = rawQueue(queue);
    const { base } = await useOperationsServer(tasks, { runner: client });

    const doubled = await new EventReader(await postStream(base, { task: "double", input: 21 })).rest();
    expect(doubled.map((event) => event.event)).toEqual(["started", "progress", "completed"]);
    expect(doubled.at(-1)?.data).toBe("42");
    const jobId = (JSON.parse(doubled[0]!.data) as { id: string }).id;
    expect((await raw.getJob(jobId))?.name).toBe("double");

    const response = await postStream(base, { task: "wait" });
    const reader = new EventReader(response);
    expect((await reader.next())?.event).toBe("started");
    expect((await reader.next())?.data).toBe('"waiting"');
    expect((await fetch(new URL(response.headers.get("location")!, base), { method: "DELETE" })).status).toBe(202);
    expect(await aborted.promise).toBe("CanceledError");
    expect((await reader.rest()).at(-1)?.event).toBe("canceled");

    expect((await fetch(`${base}/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await getStream(`${base}/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await post(base, { task: "nope" })).status).toBe(404);
  });
});
