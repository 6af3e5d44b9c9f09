// DESIGN 4.6: DELETE {base}/{id} cancels (202, idempotent): the body's ctx.signal aborts with a CanceledError, every
// stream of the operation ends with the canceled event, and a second DELETE (or one after the end) is 202 too.
import { describe, expect, it } from "vitest";
import { EventReader, gate, postStream, useOperationsServer } from "../helpers/http.js";

describe("DELETE cancels", () => {
  it("aborts the body's signal, ends the stream canceled, and is idempotent", async () => {
    const aborted = gate<unknown>();
    const { base, origin } = await useOperationsServer({
      wait: (_: unknown, ctx: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener("abort", () => {
            aborted.open(ctx.signal.reason);
            reject(ctx.signal.reason as Error);
          });
        }),
    });
    const response = await postStream(base, { task: "wait" });
    const url = origin + response.headers.get("location")!;
    const reader = new EventReader(response);
    expect((await reader.next())?.event).toBe("started");

    const first = await fetch(url, { method: "DELETE" });
    expect(first.status).toBe(202);
    expect(((await aborted.promise) as Error).name).toBe("CanceledError");
    expect((await reader.rest()).map((event) => event.event)).toEqual(["canceled"]);
    const again = await fetch(url, { method: "DELETE" });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ status: "canceled" });
    expect(await (await fetch(url)).json()).toMatchObject({ status: "canceled" });
  });
});
