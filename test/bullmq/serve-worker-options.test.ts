// serve passes BullMQ's limiter and other Worker options through and forwards the Worker's events (issue 17 item
// 10): `server.worker` is the BullMQ Worker, `server.on("completed" | "failed" | "active" | ...)` listens to it.
import { describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { caught, rejection } from "../helpers/caught.js";
import { rawQueue, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

const tasks = {
  double: (n: number) => n * 2,
  fail(): never {
    throw new RangeError("no");
  },
};

describe("serve and BullMQ's Worker", () => {
  it("passes limiter and workerOptions through and forwards completed, failed and active", async () => {
    const name = uniqueQueue("worker-options");
    const limiter = { max: 1000, duration: 1000 };
    const server = await useServer(name, tasks, { limiter, workerOptions: { removeOnComplete: { count: 0 } } });
    expect(server.worker.opts.limiter).toEqual(limiter);
    const seen: string[] = [];
    const completed = (job: Job, result: unknown) => seen.push(`completed ${job.name} ${String(result)}`);
    server.on("active", (job) => seen.push(`active ${job.name}`));
    server.on("completed", completed);
    server.on("failed", (job, error) => seen.push(`failed ${job?.name} ${error.message}`));
    const client = useClient<typeof tasks>(name);
    const op = client.run("double", 4);
    expect(await op).toBe(8);
    expect(await rejection(client.run("fail"))).toBeInstanceOf(RangeError);
    expect(seen).toEqual(["active double", "completed double 8", "active fail", "failed fail no"]);
    expect(await rawQueue(name).getJobState(op.jobId)).toBe("unknown"); // removeOnComplete: gone once completed
    server.off("completed", completed);
    expect(caught(() => server.on("drained" as "error", () => undefined))).toBeInstanceOf(TypeError);
  });
});
