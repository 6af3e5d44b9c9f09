// DESIGN 4.6 client, close: `client.close()` (and `await using`) ends every pending operation in error with
// DisconnectedError while the server's operations go on (attach again later); nothing of the client is left
// running (the server sees the streams end); run and attach afterwards throw IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult, IllegalMethodCallError, type AsyncProgressContext } from "../../src/index.js";
import { OperationClient } from "../../src/http/index.js";
import { caught } from "../helpers/caught.js";
import { gate } from "../helpers/fixtures.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient.close", () => {
  it("ends pending operations with DisconnectedError; the server's operations go on", async () => {
    const finish = gate();
    const tasks = {
      async job(n: number, ctx: AsyncProgressContext<number>) {
        ctx.report(n);
        await finish.promise;
        return n + 1;
      },
    };
    const edge = await useEdge(tasks, { orphanTimeoutMs: Infinity });
    const ids: string[] = [];
    {
      await using client = new OperationClient<typeof tasks>(edge.url);
      const ops = [client.run("job", 1), client.run("job", 2)];
      await Promise.all(ops.map((op) => new Promise<void>((resolve) => op.onProgress(() => resolve()))));
      for (const op of ops) ids.push(op.operationId!);
      const closing = client.close();
      for (const op of ops) {
        expect(op.status).toBe(AsyncStatus.error);
        expect(op.errorCode).toBeInstanceOf(DisconnectedError);
        expect((op.errorCode as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
      }
      await closing;
      expect(caught(() => client.run("job", 3))).toBeInstanceOf(IllegalMethodCallError);
      expect(caught(() => client.attach(ids[0]!))).toBeInstanceOf(IllegalMethodCallError);
    }
    finish.open();
    const later = useHttpClient<typeof tasks>(edge.url);
    expect(await Promise.all(ids.map((id) => later.attach<"job">(id)))).toEqual([2, 3]);
  });

  it("stops retrying a DELETE the server never acknowledges, and settles a canceled operation's disposal", async () => {
    const entered = gate();
    const tasks = {
      async wait(_input: undefined, ctx: AsyncProgressContext<number>) {
        entered.open();
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
      },
    };
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => (request.method === "DELETE" ? Promise.resolve(new Response(null, { status: 503 })) : handler(request)),
    });
    const client = new OperationClient<typeof tasks>(edge.url, { reconnect: { delayMs: 1, maxDelayMs: 2 } });
    const op = client.run("wait");
    await entered.promise;
    op.cancel();
    const disposed = op[Symbol.asyncDispose]();
    await client.close();
    await disposed; // resolves: the close ended the retries, and the disposal closed the operation
    expect(caught(() => op.status)).toBeInstanceOf(IllegalMethodCallError);
  });
});
