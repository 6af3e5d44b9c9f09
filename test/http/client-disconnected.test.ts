// DESIGN 4.6 client, past the limit: when the server cannot be reached again within `reconnect.limit` attempts
// after a dropped stream, the operation ends in error with DisconnectedError (the last failure as its cause); a
// POST that never reached the server ends the same way, and is not sent twice.
import { describe, expect, it } from "vitest";
import { AsyncStatus, DisconnectedError, HResult, type AsyncProgressContext } from "../../src/index.js";
import { startProxy } from "../support/tcp-proxy.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient past the reconnect limit", () => {
  it("ends the operation with DisconnectedError after limit failed attempts", async () => {
    const finish = gate();
    const tasks = {
      async job(_input: undefined, ctx: AsyncProgressContext<number>) {
        ctx.report(1);
        await finish.promise;
      },
    };
    let gets = 0;
    const edge = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        if (request.method === "GET") gets++;
        return handler(request);
      },
    });
    const proxy = await startProxy("127.0.0.1", edge.port);
    try {
      const client = useHttpClient<typeof tasks>(`http://127.0.0.1:${proxy.port}/ops`, { reconnect: { limit: 3, delayMs: 1, maxDelayMs: 4 } });
      const op = client.run("job");
      const progressed = gate();
      op.onProgress(() => progressed.open());
      await progressed.promise;
      proxy.drop(); // cut, and every reconnect refused
      const error = await rejection(op);
      expect(op.status).toBe(AsyncStatus.error);
      expect(error).toBeInstanceOf(DisconnectedError);
      expect((error as DisconnectedError).hresult).toBe(HResult.RPC_E_DISCONNECTED);
      expect((error as Error).cause).toBeDefined();
      expect(gets).toBe(0); // no attempt got through the proxy
    } finally {
      finish.open();
      await proxy.close();
    }
  });

  it("ends a run whose POST cannot reach the server with DisconnectedError, without sending it again", async () => {
    const proxy = await startProxy("127.0.0.1", 9); // nothing listens behind it: every connection is cut
    try {
      proxy.drop();
      const client = useHttpClient<{ job: () => number }>(`http://127.0.0.1:${proxy.port}/ops`, { reconnect: { limit: 5, delayMs: 1 } });
      const error = await rejection(client.run("job"));
      expect(error).toBeInstanceOf(DisconnectedError);
    } finally {
      await proxy.close();
    }
  });
});
