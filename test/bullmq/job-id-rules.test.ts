// Job ids chosen with `job.jobId` are checked as BullMQ checks them (issue 17 item 3), synchronously: a string
// that reads back as the same integer ("1", "-1", "-5") is refused with RangeError, as BullMQ refuses it at add
// time; "007" (which parses to 7, so BullMQ accepts it) is accepted and runs.
import { describe, expect, it } from "vitest";
import { caught } from "../helpers/caught.js";
import { uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

const tasks = { echo: (n: number) => n };

describe("job ids", () => {
  it.each(["1", "-1", "-5", "0"])("refuses the integer id %j synchronously with RangeError", (jobId) => {
    const client = useClient<typeof tasks>(uniqueQueue("id-integer"));
    expect(caught(() => client.run("echo", 1, { job: { jobId } }))).toBeInstanceOf(RangeError);
  });

  it.each(["007", "1.0", "+1", "1e3", "a:b:c"])("accepts %j, which BullMQ accepts, and runs it", async (jobId) => {
    const name = uniqueQueue("id-accepted");
    await useServer(name, tasks);
    const op = useClient<typeof tasks>(name).run("echo", 7, { job: { jobId } });
    expect(op.jobId).toBe(jobId);
    expect(await op).toBe(7);
  });
});
