// DESIGN 4.6 client, cancel: `cancel()` makes the operation canceled at once and sends DELETE, which reaches the
// body's signal on the server; the DELETE is retried until the server acknowledges it (a server that first
// answers 503 or cannot be reached); a linked signal cancels the same way; `[Symbol.asyncDispose]` waits for the
// acknowledgement; a cancel before the POST's answer still reaches the server's operation.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

function waitingTasks() {
  const entered = gate();
  const aborted = gate();
  const tasks = {
    async wait(_input: undefined, ctx: AsyncProgressContext<number>) {
      ctx.report(1);
      entered.open();
      await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
      aborted.open();
      ctx.throwIfCanceled();
    },
  };
  return { tasks, entered, aborted };
}

describe("OperationClient cancel", () => {
  it("reads canceled at once, and the DELETE aborts the body's signal on the server", async () => {
    const { tasks, entered, aborted } = waitingTasks();
    const methods: string[] = [];
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        methods.push(request.method);
        return handler(request);
      },
    });
    const client = useHttpClient<typeof tasks>(edge.url);
    const op = client.run("wait");
    const progressed = gate();
    op.onProgress(() => progressed.open());
    await entered.promise;
    await progressed.promise;
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    const error = await rejection(op);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    await aborted.promise;
    await op[Symbol.asyncDispose]();
    expect(methods).toEqual(["POST", "DELETE"]);
  });

  it("retries the DELETE until the server acknowledges it", async () => {
    const { tasks, entered, aborted } = waitingTasks();
    let refusals = 2;
    const deletes: number[] = [];
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => async (request) => {
        if (request.method !== "DELETE") return handler(request);
        if (refusals-- > 0) {
          deletes.push(503);
          return new Response(null, { status: 503 });
        }
        const response = await handler(request);
        deletes.push(response.status);
        return response;
      },
    });
    const client = useHttpClient<typeof tasks>(edge.url, { reconnect: { delayMs: 1, maxDelayMs: 4 } });
    const op = client.run("wait");
    await entered.promise;
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    await aborted.promise;
    await op[Symbol.asyncDispose]();
    expect(deletes).toEqual([503, 503, 202]);
  });

  it("cancels through a linked signal, and a cancel before the POST's answer still reaches the server", async () => {
    const { tasks, entered, aborted } = waitingTasks();
    const answer = gate();
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => async (request) => {
        const response = await handler(request);
        if (request.method === "POST") await answer.promise; // the answer is held until the client canceled
        return response;
      },
    });
    const client = useHttpClient<typeof tasks>(edge.url, { reconnect: { delayMs: 1 } });
    const controller = new AbortController();
    const op = client.run("wait", undefined, { signal: controller.signal });
    await entered.promise;
    controller.abort();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(op.operationId).toBeUndefined();
    answer.open();
    await aborted.promise;
    await op[Symbol.asyncDispose]();
    expect(typeof op.operationId).toBe("string");
  });

  it("sends nothing for an already-aborted signal", async () => {
    const { tasks } = waitingTasks();
    const methods: string[] = [];
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        methods.push(request.method);
        return handler(request);
      },
    });
    const client = useHttpClient<typeof tasks>(edge.url);
    const op = client.run("wait", undefined, { signal: AbortSignal.abort() });
    expect(op.status).toBe(AsyncStatus.canceled);
    await client.close();
    expect(methods).toEqual([]);
  });
});
