// DESIGN 4.6: the handler plugs into Hono as is: mounted with app.mount (Hono strips the prefix), or called from a
// route with the raw request and a basePath; the protocol works the same behind Hono's router and middleware.
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { operationsHandler } from "../../src/http/index.js";
import { EventReader, listen, post, postStream } from "../helpers/http.js";

describe("Hono", () => {
  it("serves the protocol through app.mount and through a route", async () => {
    const tasks = { double: (n: number, ctx: { report(p: number): void }) => (ctx.report(n), n * 2) };
    const mounted = operationsHandler(tasks, { basePath: "/api/ops" });
    const routed = operationsHandler(tasks, { basePath: "/v2/ops" });
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      c.header("x-app", "hono");
    });
    app.mount("/api/ops", mounted, { replaceRequest: false });
    app.all("/v2/ops/*", (c) => routed(c.req.raw));
    app.all("/v2/ops", (c) => routed(c.req.raw));
    const { origin } = await listen(app.fetch);
    try {
      for (const base of [`${origin}/api/ops`, `${origin}/v2/ops`]) {
        const response = await postStream(base, { task: "double", input: 4 });
        expect(response.status).toBe(201);
        const location = response.headers.get("location")!;
        expect(location).toMatch(/^\/(api|v2)\/ops\/[A-Za-z0-9_-]{22}$/);
        const events = await new EventReader(response).rest();
        expect(events.map((event) => [event.event, event.data]).slice(1)).toEqual([["progress", "4"], ["completed", "8"]]);
        expect(await (await fetch(origin + location)).json()).toMatchObject({ status: "completed", result: 8 });
        expect((await fetch(origin + location, { method: "DELETE" })).status).toBe(202);
        expect((await post(base, { task: "nope" })).status).toBe(404);
      }
    } finally {
      await mounted.close();
      await routed.close();
    }
  });
});
