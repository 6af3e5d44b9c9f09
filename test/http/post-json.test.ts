// DESIGN 4.6: POST {base} with JSON { task, input } starts the task and answers 201, Location {base}/{id} and JSON
// { id, status }; the id is 22 URL-safe characters (128 random bits); GET {base}/{id} gives the JSON snapshot
// { id, status, progress?, result? | error? }.
import { describe, expect, it } from "vitest";
import { OPERATION_ID_PATTERN } from "../../src/http/index.js";
import { gate, post, useOperationsServer } from "../helpers/http.js";

describe("POST without an event stream", () => {
  it("answers 201 with Location and { id, status }, and the snapshot follows the operation", async () => {
    const release = gate<number>();
    const { base, origin } = await useOperationsServer({
      add: async ({ a, b }: { a: number; b: number }, ctx: { report(p: number): void }) => {
        ctx.report(50);
        return a + b + (await release.promise);
      },
    });
    const response = await post(base, { task: "add", input: { a: 1, b: 2 } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { id: string; status: string };
    expect(body.id).toMatch(OPERATION_ID_PATTERN);
    expect(body.status).toBe("started");
    expect(response.headers.get("location")).toBe(`/ops/${body.id}`);

    const running = await fetch(`${origin}/ops/${body.id}`);
    expect(running.status).toBe(200);
    expect(await running.json()).toEqual({ id: body.id, status: "started", progress: 50 });

    release.open(10);
    let snapshot: unknown;
    do snapshot = await (await fetch(`${origin}/ops/${body.id}`)).json();
    while ((snapshot as { status: string }).status === "started");
    expect(snapshot).toEqual({ id: body.id, status: "completed", progress: 50, result: 13 });
  });

  it("gives every operation a different id", async () => {
    const { base } = await useOperationsServer({ echo: (x: unknown) => x });
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(((await (await post(base, { task: "echo", input: i })).json()) as { id: string }).id);
    expect(ids.size).toBe(50);
  });

  it("passes an absent input as undefined and an undefined result as null", async () => {
    let received: unknown = "unset";
    const { base, origin } = await useOperationsServer({
      none: (input: unknown) => {
        received = input;
      },
    });
    const { id } = (await (await post(base, { task: "none" })).json()) as { id: string };
    expect(received).toBeUndefined();
    let snapshot: { status: string; result?: unknown };
    do snapshot = (await (await fetch(`${origin}/ops/${id}`)).json()) as typeof snapshot;
    while (snapshot.status === "started");
    expect(snapshot).toEqual({ id, status: "completed", result: null });
  });
});
