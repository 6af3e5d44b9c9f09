// DESIGN 4.6: POST with Accept: text/event-stream answers 201 + Location with the operation's event stream on the
// same response: started { id }, progress (the latest value), then one terminal event; event ids increase. Progress
// the body reports before the handler returns (synchronously, inside run) is kept.
import { describe, expect, it } from "vitest";
import { EventReader, gate, postStream, useOperationsServer } from "../helpers/http.js";

type Ctx = { report(p: unknown): void };

describe("POST with an event stream", () => {
  it("streams started, progress and completed with increasing ids", async () => {
    const step = gate();
    const { base } = await useOperationsServer({
      work: async (n: number, ctx: Ctx) => {
        ctx.report({ done: 0 }); // before the handler returns
        await step.promise;
        ctx.report({ done: n });
        return `did ${n}`;
      },
    });
    const response = await postStream(base, { task: "work", input: 3 });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = new EventReader(response);
    const started = await reader.next();
    expect(started?.event).toBe("started");
    const { id } = JSON.parse(started!.data) as { id: string };
    expect(response.headers.get("location")).toBe(`/ops/${id}`);
    const first = await reader.next();
    expect(first?.event).toBe("progress");
    expect(JSON.parse(first!.data)).toEqual({ done: 0 });
    step.open();
    const rest = await reader.rest();
    expect(rest.map((event) => event.event)).toEqual(["progress", "completed"]);
    expect(JSON.parse(rest[0]!.data)).toEqual({ done: 3 });
    expect(JSON.parse(rest[1]!.data)).toBe("did 3");
    const ids = [started!, first!, ...rest].map((event) => Number(event.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
  });

  it("ends with error carrying the envelope, or canceled", async () => {
    const { base } = await useOperationsServer({
      fail: () => {
        throw Object.assign(new RangeError("too far"), { limit: 3 });
      },
      // A body that throws an AbortError ends canceled (DESIGN 4.1).
      cancelMe: () => Promise.reject(new DOMException("stopped", "AbortError")),
    });
    const failed = await new EventReader(await postStream(base, { task: "fail" })).rest();
    expect(failed.map((event) => event.event)).toEqual(["started", "error"]);
    const envelope = JSON.parse(failed[1]!.data) as Record<string, unknown>;
    expect(envelope).toMatchObject({ thrown: "error", name: "RangeError", message: "too far", data: { limit: 3 } });
    const canceled = await new EventReader(await postStream(base, { task: "cancelMe" })).rest();
    expect(canceled.map((event) => event.event)).toEqual(["started", "canceled"]);
    expect(JSON.parse(canceled[1]!.data)).toBeNull();
  });
});
