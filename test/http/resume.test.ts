// DESIGN 4.6: GET {base}/{id} with Accept: text/event-stream is the operation's event stream, resumable with
// Last-Event-ID: a resumed stream does not repeat started, gets the current progress (even one the reader had: an
// id may come from another instance, which numbers its own way) and, when ended, the terminal event; its ids stay
// above the one it resumed from. A malformed Last-Event-ID is 400.
import { describe, expect, it } from "vitest";
import { EventReader, gate, getStream, post, postStream, useOperationsServer } from "../helpers/http.js";

type Ctx = { report(p: unknown): void };

describe("resuming an event stream with Last-Event-ID", () => {
  it("skips started, sends the current progress, then the terminal event", async () => {
    const steps = [gate(), gate()];
    const { base, origin } = await useOperationsServer({
      work: async (_: unknown, ctx: Ctx) => {
        ctx.report(1);
        await steps[0]!.promise;
        ctx.report(2);
        await steps[1]!.promise;
        return "end";
      },
    });
    const first = await postStream(base, { task: "work" });
    const location = first.headers.get("location")!;
    const reader = new EventReader(first);
    await reader.next(); // started
    const progress = await reader.next();
    expect(progress?.data).toBe("1");
    await reader.cancel(); // the connection drops

    steps[0]!.open();
    // Wait (by polling the snapshot) until the second value is there.
    while (((await (await fetch(origin + location)).json()) as { progress: number }).progress !== 2);
    const resumed = new EventReader(await getStream(origin + location, { "last-event-id": progress!.id! }));
    const next = await resumed.next();
    expect(next?.event).toBe("progress");
    expect(next?.data).toBe("2");
    expect(Number(next?.id)).toBeGreaterThan(Number(progress!.id));
    steps[1]!.open();
    const rest = await resumed.rest();
    expect(rest.map((event) => event.event)).toEqual(["completed"]);
    expect(Number(rest[0]!.id)).toBeGreaterThan(Number(next!.id));

    // Resuming an ended operation gives the current progress and the terminal event, above the reader's id.
    const late = await new EventReader(await getStream(origin + location, { "last-event-id": rest[0]!.id! })).rest();
    expect(late.map((event) => [event.event, event.data])).toEqual([["progress", "2"], ["completed", '"end"']]);
    expect(Number(late[0]!.id)).toBeGreaterThan(Number(rest[0]!.id));
    expect(Number(late[1]!.id)).toBeGreaterThan(Number(late[0]!.id));
    // A fresh stream of an ended operation gives the whole story in short.
    const fresh = await new EventReader(await getStream(origin + location)).rest();
    expect(fresh.map((event) => event.event)).toEqual(["started", "progress", "completed"]);
  });

  it("numbers above an id it never gave (another instance's) and sends what it holds", async () => {
    const { base, origin } = await useOperationsServer({ echo: (x: unknown, ctx: Ctx) => (ctx.report(7), x) });
    const { id } = (await (await post(base, { task: "echo", input: 1 })).json()) as { id: string };
    const events = await new EventReader(await getStream(`${origin}/ops/${id}`, { "last-event-id": "1000" })).rest();
    expect(events.map((event) => event.event)).toEqual(["progress", "completed"]);
    expect(events.map((event) => Number(event.id)).every((n) => n > 1000)).toBe(true);
  });

  it("answers 400 to a Last-Event-ID that is not a decimal integer", async () => {
    const { base, origin } = await useOperationsServer({ echo: (x: unknown) => x });
    const { id } = (await (await post(base, { task: "echo", input: 1 })).json()) as { id: string };
    const response = await getStream(`${origin}/ops/${id}`, { "last-event-id": "abc" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { hresult: number } }).error.hresult).toBe(0x80070057 | 0);
  });
});
