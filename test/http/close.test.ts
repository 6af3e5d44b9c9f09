// DESIGN 4.6: handler.close() stops serving: open streams end, operations started here that still run are canceled
// (their bodies' signals abort), later requests get 503 with an envelope (DisconnectedError), and it is idempotent;
// await using closes it too.
import { describe, expect, it } from "vitest";
import { HResult } from "../../src/index.js";
import { operationsHandler } from "../../src/http/index.js";
import { EventReader, gate, listen, post, postStream } from "../helpers/http.js";

describe("close()", () => {
  it("ends streams, cancels running operations and refuses later requests", async () => {
    const aborted = gate<string>();
    const handler = operationsHandler({
      wait: (_: unknown, ctx: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener("abort", () => {
            aborted.open((ctx.signal.reason as Error).name);
            reject(ctx.signal.reason as Error);
          });
        }),
    });
    const { origin } = await listen(handler);
    const reader = new EventReader(await postStream(`${origin}/ops`, { task: "wait" }));
    expect((await reader.next())?.event).toBe("started");
    await handler.close();
    expect(await aborted.promise).toBe("CanceledError");
    await reader.rest(); // the stream ends
    expect(reader.ended).toBe(true);
    const refused = await post(`${origin}/ops`, { task: "wait" });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { name: string; hresult: number } }).error).toMatchObject({
      name: "DisconnectedError",
      hresult: HResult.RPC_E_DISCONNECTED,
    });
    await handler.close();
  });

  it("is what await using calls", async () => {
    let handlerRef: ReturnType<typeof operationsHandler> | undefined;
    {
      await using handler = operationsHandler({ echo: (x: unknown) => x });
      handlerRef = handler;
    }
    const response = await handlerRef(new Request("http://127.0.0.1/ops", { method: "POST", headers: { "content-type": "application/json" }, body: '{"task":"echo"}' }));
    expect(response.status).toBe(503);
  });
});
