// DESIGN 4.6: an operation nobody watches for orphanTimeoutMs is canceled: one started without a stream and never
// looked at, and one whose last stream went away. The body's signal aborts; the snapshot reads canceled.
import { describe, expect, it } from "vitest";
import { EventReader, gate, post, postStream, useOperationsServer } from "../helpers/http.js";

function waitForCancel(aborted: { open(value: string): void }) {
  return (_: unknown, ctx: { signal: AbortSignal }) =>
    new Promise((_resolve, reject) => {
      ctx.signal.addEventListener("abort", () => {
        aborted.open((ctx.signal.reason as Error).name);
        reject(ctx.signal.reason as Error);
      });
    });
}

describe("orphaned operations", () => {
  it("are canceled when never watched", async () => {
    const aborted = gate<string>();
    const { base } = await useOperationsServer({ wait: waitForCancel(aborted) }, { orphanTimeoutMs: 20 });
    const { id } = (await (await post(base, { task: "wait" })).json()) as { id: string };
    expect(await aborted.promise).toBe("CanceledError");
    expect(await (await fetch(`${base}/${id}`)).json()).toMatchObject({ status: "canceled" });
  });

  it("are canceled when the last stream went away", async () => {
    const aborted = gate<string>();
    const { base } = await useOperationsServer({ wait: waitForCancel(aborted) }, { orphanTimeoutMs: 20 });
    const response = await postStream(base, { task: "wait" });
    const location = response.headers.get("location")!;
    const reader = new EventReader(response);
    expect((await reader.next())?.event).toBe("started");
    await reader.cancel();
    expect(await aborted.promise).toBe("CanceledError");
    expect(await (await fetch(new URL(location, base))).json()).toMatchObject({ status: "canceled" });
  });
});
