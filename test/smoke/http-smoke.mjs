/* global fetch -- every runtime the smoke runs in has it */
// The winrt-async/http checks of the runtime smoke (Node ESM and CommonJS, Deno, Bun): `httpSmoke(http, serve)` takes
// the imported subpath and a function that serves a Fetch handler on 127.0.0.1 in that runtime (Deno.serve,
// Bun.serve, @hono/node-server) and resolves { origin, close }. It runs the protocol over a real connection: POST
// with the event stream, snapshot, DELETE, a refusal. No imports: each runtime hands in what it has.
export async function httpSmoke(http, serve) {
  const check = (condition, what) => {
    if (!condition) throw new Error(`http smoke: ${what}`);
  };
  let aborted = false;
  const handler = http.operationsHandler({
    double: (n, ctx) => {
      ctx.report(n);
      return n * 2;
    },
    wait: (_input, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener("abort", () => {
          aborted = true;
          reject(ctx.signal.reason);
        });
      }),
  });
  check(typeof handler === "function" && handler.fetch === handler && typeof handler.close === "function", "handler shape");
  const { origin, close } = await serve(handler);
  try {
    const json = { "content-type": "application/json" };
    const streamed = await fetch(`${origin}/ops`, {
      method: "POST",
      headers: { ...json, accept: "text/event-stream" },
      body: JSON.stringify({ task: "double", input: 21 }),
    });
    check(streamed.status === 201 && streamed.headers.get("location")?.startsWith("/ops/"), `POST stream status ${streamed.status}`);
    const text = await streamed.text();
    const events = text.split("\n\n").filter((block) => block.includes("event:")).map((block) => /event: (\w+)/.exec(block)[1]);
    check(events.join() === "started,progress,completed" && text.includes("data: 42"), `events ${events.join()}`);

    const created = await fetch(`${origin}/ops`, { method: "POST", headers: json, body: JSON.stringify({ task: "wait" }) });
    const { id, status } = await created.json();
    check(created.status === 201 && status === "started" && http.OPERATION_ID_PATTERN.test(id), "POST json");
    const canceled = await fetch(`${origin}/ops/${id}`, { method: "DELETE" });
    await canceled.body?.cancel();
    check(canceled.status === 202, `DELETE status ${canceled.status}`);
    let snapshot;
    do snapshot = await (await fetch(`${origin}/ops/${id}`)).json();
    while (snapshot.status === "started");
    check(snapshot.status === "canceled" && aborted, "canceled, body's signal aborted");
    const refused = await fetch(`${origin}/ops`, { method: "POST", headers: json, body: JSON.stringify({ task: "constructor" }) });
    const body = await refused.json();
    check(refused.status === 404 && body.error.hresult === http.hresultOfHttpStatus(404), "unknown task is 404");
  } finally {
    await handler.close();
    await close();
  }
  return "http: POST stream, snapshot, DELETE, 404";
}
