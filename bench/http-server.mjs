/* global Response, TextEncoder, ReadableStream, crypto -- Node 20 has them */
// The server process of bench/http.bench.mjs: @hono/node-server on 127.0.0.1 (a free port) serving two contenders on
// the same stack: winrt-async/http's operationsHandler at /ops, and a hand-written POST + event-stream handler at
// /raw (the baseline: parse the JSON, run the function, write started and completed by hand). GET /heap answers the
// heap in use after a full GC (run with --expose-gc); POST /release ends every held task. Prints the origin on stdout.
import { serve } from "@hono/node-server";
import { once } from "node:events";
import { operationsHandler } from "../dist/http/index.js";

let release;
let released = new Promise((resolve) => (release = resolve));
const tasks = {
  echo: (x) => x,
  hold: async (x) => {
    await released;
    return x;
  },
};
const handler = operationsHandler(tasks, { heartbeatMs: 0, orphanTimeoutMs: Infinity });
const encoder = new TextEncoder();

async function baseline(request) {
  const body = await request.json();
  const task = Object.hasOwn(tasks, body.task) ? tasks[body.task] : undefined;
  if (typeof task !== "function") return new Response('{"error":"no such task"}', { status: 404 });
  const id = crypto.randomUUID();
  const stream = new ReadableStream({
    async start(controller) {
      controller.enqueue(encoder.encode(`id: 1\nevent: started\ndata: {"id":"${id}"}\n\n`));
      const result = await task(body.input);
      controller.enqueue(encoder.encode(`id: 2\nevent: completed\ndata: ${JSON.stringify(result)}\n\n`));
      controller.close();
    },
  });
  return new Response(stream, { status: 201, headers: { "content-type": "text/event-stream", location: `/raw/${id}` } });
}

function route(request) {
  const { pathname } = new URL(request.url);
  if (pathname === "/heap") {
    globalThis.gc?.();
    globalThis.gc?.();
    return new Response(String(process.memoryUsage().heapUsed));
  }
  if (pathname === "/release") {
    release();
    released = new Promise((resolve) => (release = resolve));
    return new Response("released");
  }
  if (pathname.startsWith("/raw")) return baseline(request);
  return handler(request);
}

const server = serve({ fetch: route, port: 0, hostname: "127.0.0.1" });
await once(server, "listening");
process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await handler.close();
  server.closeAllConnections();
  server.close();
});
