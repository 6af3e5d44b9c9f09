// A cancel stays in its database (issue 17 item 7): Redis pub/sub spans the whole server, so the cancel channel
// names the connection's database too. Two serves on databases 1 and 2 of the same server each run a job of the
// same queue name, with the same id and creation time; canceling the one on database 1 leaves the other running.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { Queue } from "bullmq";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { connection, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("cancel", () => {
  it("reaches only the job on the database it was made on", async () => {
    const name = uniqueQueue("cancel-db");
    const db1 = { ...connection(), db: 1 };
    const db2 = { ...connection(), db: 2 };
    for (const db of [db1, db2]) {
      onTestFinished(async () => {
        const queue = new Queue(name, { connection: db });
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      });
    }
    const entered1 = gate();
    const entered2 = gate();
    const release2 = gate();
    const aborted2: unknown[] = [];
    await useServer(
      name,
      {
        async work(_n: number, ctx: AsyncProgressContext<never>) {
          entered1.open();
          await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
          ctx.throwIfCanceled();
          return 1;
        },
      },
      { connection: db1 },
    );
    await useServer(
      name,
      {
        async work(_n: number, ctx: AsyncProgressContext<never>) {
          entered2.open();
          ctx.signal.addEventListener("abort", () => aborted2.push(ctx.signal.reason));
          await release2.promise;
          return 2;
        },
      },
      { connection: db2 },
    );
    type Tasks = { work(n: number): number };
    const job = { jobId: "same-id", timestamp: 1_700_000_000_000 };
    const op1 = useClient<Tasks>(name, { connection: db1 }).run("work", 0, { job });
    const op2 = useClient<Tasks>(name, { connection: db2 }).run("work", 0, { job });
    await Promise.all([entered1.promise, entered2.promise]);
    op1.cancel();
    await rejection(op1);
    expect(op1.status).toBe(AsyncStatus.canceled);
    // The canceled job's end went through Redis after the announcement: db 2's serve has heard it by now, if at all.
    const watcher = new Queue(name, { connection: db1 });
    onTestFinished(() => watcher.close());
    await vi.waitFor(async () => expect(await watcher.getJobState("same-id")).toBe("failed"));
    release2.open();
    expect(await op2).toBe(2);
    expect(aborted2).toEqual([]);
  });
});
