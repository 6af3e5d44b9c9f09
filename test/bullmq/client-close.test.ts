// DESIGN 4.2: client.close() stops watching: its pending operations end in error with DisconnectedError while
// their jobs go on (another client can attach them); run and attach after close throw IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult, IllegalMethodCallError } from "../../src/index.js";
import { JobClient } from "../../src/bullmq/index.js";
import { gate } from "../helpers/fixtures.js";
import { caught, rejection } from "../helpers/caught.js";
import { connection, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";

describe("JobClient.close", () => {
  it("ends pending operations with DisconnectedError; the job goes on and can be attached again", async () => {
    const name = uniqueQueue("client-close");
    const hold = gate();
    const entered = gate();
    const tasks = {
      async slow(n: number) {
        entered.open();
        await hold.promise;
        return n + 1;
      },
    };
    await useServer(name, tasks);
    const client = new JobClient<typeof tasks>(name, { connection: connection() });
    const op = client.run("slow", 1);
    await entered.promise;
    const failure = rejection(op); // observed before it fails, so nothing goes to the unobserved-error report
    await client.close();
    const error = await failure;
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(DisconnectedError);
    expect((error as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
    const again = useClient<typeof tasks>(name).attach<"slow">(op.jobId);
    hold.open();
    expect(await again).toBe(2);
  });

  it("lets an add under way reach Redis before it stops watching", async () => {
    const name = uniqueQueue("client-close-add");
    const client = new JobClient<{ later(n: number): number }>(name, { connection: connection() });
    const op = client.run("later", 5);
    const failure = rejection(op);
    await client.close(); // right after run: the add is still on its way
    expect(await failure).toBeInstanceOf(DisconnectedError);
    const tasks = { later: (n: number) => n * 3 };
    await useServer(name, tasks);
    expect(await useClient<typeof tasks>(name).attach<"later">(op.jobId)).toBe(15);
  });

  it("throws IllegalMethodCallError from run and attach after close, and close twice is fine", async () => {
    const name = uniqueQueue("client-closed");
    const client = new JobClient<{ ok(): number }>(name, { connection: connection() });
    await client.close();
    await client.close();
    expect(caught(() => client.run("ok"))).toBeInstanceOf(IllegalMethodCallError);
    expect(caught(() => client.attach("x"))).toBeInstanceOf(IllegalMethodCallError);
  });

  it("await using closes the client", async () => {
    const name = uniqueQueue("client-using");
    let escaped: JobClient<{ ok(): number }>;
    {
      await using client = new JobClient<{ ok(): number }>(name, { connection: connection() });
      escaped = client;
    }
    expect(caught(() => escaped.run("ok"))).toBeInstanceOf(IllegalMethodCallError);
  });
});
