// winrt-async web demo: a page starts CPU-bound tasks that run on a WorkerPool in this server, shows their live
// progress, cancels them from a button (the worker's loop stops on the shared cancel flag), and survives a page
// reload by attaching to the operations still running (their ids are kept in the page's localStorage).
//
//   npm run demo:web     (builds quietly, then runs this file; prints the URL to open)
//
// The server is winrt-async/http's operationsHandler (a Fetch-API handler) behind Node's http server through
// @hono/node-server; the page loads the built client (dist/http) as a module. Environment: PORT=n (default a free
// port), HOST (default 127.0.0.1). Ctrl+C stops it: the handler, the pool and the server close, and it exits.
/* global Response -- the Fetch API of Node 20 */
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { WorkerPool } from "../dist/worker/index.js";
import { operationsHandler } from "../dist/http/index.js";
import { tasks } from "./web-demo-tasks.mjs";

const root = resolve(import.meta.dirname, "..");
const pool = new WorkerPool(new URL("./web-demo-tasks.mjs", import.meta.url), { size: 2 });
// Operations outlive a reload: nobody watches them while the page reloads, so the orphan timeout is generous.
const ops = operationsHandler(tasks, { runner: pool, basePath: "/ops", orphanTimeoutMs: 60_000 });

// The page, the built package and the one module of eventsource-parser the client loads (through the page's
// import map). Nothing else of the disk is served.
const fixed = {
  "/": ["demo/web/index.html", "text/html; charset=utf-8"],
  "/app.mjs": ["demo/web/app.mjs", "text/javascript"],
  "/vendor/eventsource-parser.js": ["node_modules/eventsource-parser/dist/index.js", "text/javascript"],
};
const distRoot = resolve(root, "dist") + sep;

async function serveFile(path) {
  const known = fixed[path];
  let file;
  let type;
  if (known !== undefined) [file, type] = [resolve(root, known[0]), known[1]];
  else if (path.startsWith("/dist/")) {
    file = resolve(root, `.${path}`);
    type = extname(file) === ".js" ? "text/javascript" : extname(file) === ".map" ? "application/json" : undefined;
    if (!file.startsWith(distRoot) || type === undefined) return new Response("not found", { status: 404 });
  } else return new Response("not found", { status: 404 });
  try {
    return new Response(await readFile(file), { headers: { "content-type": type, "cache-control": "no-store" } });
  } catch {
    return new Response("not found", { status: 404 });
  }
}

const app = (request) => {
  const path = new URL(request.url).pathname;
  if (path === "/ops" || path.startsWith("/ops/")) return ops(request);
  if (request.method !== "GET") return new Response("method not allowed", { status: 405 });
  return serveFile(path);
};

const server = createServer(getRequestListener(app));
const host = process.env.HOST || "127.0.0.1";
server.listen(Number(process.env.PORT) || 0, host, () => {
  const { port } = server.address();
  console.log(`winrt-async web demo: http://${host}:${port}/  (Ctrl+C to stop)`);
});

process.once("SIGINT", async () => {
  await ops.close();
  await pool.close();
  server.closeAllConnections();
  server.close();
});
