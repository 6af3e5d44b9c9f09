// DESIGN 4.6 client, run: `client.run` returns a started operation at once (hot), typed from the tasks, with
// `operationId` set once the server's answer arrives; progress reaches the handler, listeners and
// progressUpdates in order; the result completes it; one POST carries it all (one round trip).
import { describe, expect, it } from "vitest";
import { AsyncOperationWithProgress, AsyncStatus, progressUpdates, type AsyncProgressContext } from "../../src/index.js";
import { OPERATION_ID_PATTERN } from "../../src/http/index.js";
import { gate } from "../helpers/fixtures.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient.run", () => {
  it("returns a started operation at once, delivers progress in order and completes with the result", async () => {
    const go = gate();
    // Progress is conflated (latest wins), so the body reports the next value only once the client saw this one.
    const seen = Array.from({ length: 6 }, () => gate());
    const tasks = {
      async count(n: number, ctx: AsyncProgressContext<{ done: number }>) {
        await go.promise;
        for (let i = 1; i <= n; i++) {
          ctx.report({ done: i });
          await seen[i]!.promise;
        }
        return { total: n };
      },
    };
    const requests: string[] = [];
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return handler(request);
      },
    });
    const client = useHttpClient<typeof tasks>(edge.url);
    const op = client.run("count", 5, { description: "count to 5" });
    expect(op).toBeInstanceOf(AsyncOperationWithProgress);
    expect(op.status).toBe(AsyncStatus.started);
    expect(op.description).toBe("count to 5");
    expect(op.operationId).toBeUndefined();
    const handler: number[] = [];
    const listener: number[] = [];
    op.progress = (_op, p) => handler.push(p.done);
    op.onProgress((p) => {
      listener.push(p.done);
      seen[p.done]!.open();
    });
    const iterated: number[] = [];
    const iterating = (async () => {
      for await (const p of progressUpdates(op)) iterated.push(p.done);
    })();
    go.open();
    expect(await op).toEqual({ total: 5 });
    await iterating;
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.operationId).toMatch(OPERATION_ID_PATTERN);
    expect(handler).toEqual([1, 2, 3, 4, 5]);
    expect(listener).toEqual([1, 2, 3, 4, 5]);
    expect(iterated.at(-1)).toBe(5);
    expect(requests).toEqual(["POST /ops"]);
  });

  it("runs a task without input and gives null for a task that returns nothing (JSON has no undefined)", async () => {
    const tasks = { ping: () => "pong" as const, nothing: () => undefined };
    const edge = await useEdge(tasks);
    const client = useHttpClient<typeof tasks>(edge.url);
    expect(await client.run("ping")).toBe("pong");
    expect(await client.run("nothing")).toBeNull();
  });
});
