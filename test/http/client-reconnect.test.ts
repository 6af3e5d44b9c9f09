// DESIGN 4.6 client, reconnect: an event stream cut mid-way (a real TCP proxy in front of the server drops every
// connection) is resumed with GET and `Last-Event-ID` after the backoff; the operation sees every later progress
// value and its result, and stays `started` in between.
import { describe, expect, it } from "vitest";
import { AsyncStatus, type AsyncProgressContext } from "../../src/index.js";
import { startProxy } from "../support/tcp-proxy.js";
import { gate } from "../helpers/fixtures.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient reconnect", () => {
  it("resumes a stream cut by a proxy with Last-Event-ID and follows the operation to its end", async () => {
    const steps = [gate(), gate(), gate()];
    const tasks = {
      async job(_input: undefined, ctx: AsyncProgressContext<number>) {
        for (let i = 0; i < steps.length; i++) {
          ctx.report(i + 1);
          await steps[i]!.promise;
        }
        return "done";
      },
    };
    const requests: Array<{ method: string; lastEventId: string | null }> = [];
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        requests.push({ method: request.method, lastEventId: request.headers.get("last-event-id") });
        return handler(request);
      },
    });
    const proxy = await startProxy("127.0.0.1", edge.port);
    try {
      const client = useHttpClient<typeof tasks>(`http://127.0.0.1:${proxy.port}/ops`, { reconnect: { limit: 50, delayMs: 5, maxDelayMs: 20 } });
      const op = client.run("job");
      const seen: number[] = [];
      const progressed = [gate(), gate(), gate()];
      op.onProgress((p) => {
        seen.push(p);
        progressed[p - 1]!.open();
      });
      await progressed[0]!.promise;
      proxy.drop(); // the stream is cut; new connections are refused until restore
      steps[0]!.open();
      proxy.restore();
      await progressed[1]!.promise;
      expect(op.status).toBe(AsyncStatus.started);
      proxy.drop();
      steps[1]!.open();
      proxy.restore();
      await progressed[2]!.promise;
      steps[2]!.open();
      expect(await op).toBe("done");
      expect(seen).toEqual([1, 2, 3]);
      expect(requests[0]).toEqual({ method: "POST", lastEventId: null });
      const resumed = requests.slice(1);
      expect(resumed.length).toBeGreaterThanOrEqual(2);
      for (const request of resumed) {
        expect(request.method).toBe("GET");
        expect(request.lastEventId).toMatch(/^\d+$/);
      }
    } finally {
      await proxy.close();
    }
  });
});
