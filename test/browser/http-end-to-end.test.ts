// winrt-async/http end to end on the suite's real redis-server: a page in headless Chromium -> HTTP (an
// operationsHandler whose runner is a JobClient) -> BullMQ -> `serve` with a WorkerPool -> a CPU-bound loop in a
// worker thread. The page sees the progress; its cancel reaches the loop through the shared flag (the pool's
// grace period is a minute, so no termination could end it first) and the job ends canceled. Needs dist/.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { WorkerPool } from "../../src/worker/index.js";
import { rejection } from "../helpers/caught.js";
import { nextEvent, rawEvents, uniqueQueue, useClient, useServer } from "../helpers/bullmq.js";
import { useEdge } from "../helpers/http-serve.js";

const programs = new URL("../support/system-programs.mjs", import.meta.url).href;
const { chromiumArgs, chromiumPath } = (await import(programs)) as { chromiumArgs: string[]; chromiumPath(): string };

const root = resolve(import.meta.dirname, "../..");
type Tasks = { crunch(input: null, ctx: { report(p: number): void }): { threadId: number } };
/** With a pool, the edge's and serve's `tasks` only name what they serve: the bodies run from the pool's module. */
const names = { crunch: () => undefined };

const PAGE = `<!doctype html><title>winrt-async http end to end</title>
<script type="importmap">{ "imports": { "eventsource-parser": "/vendor/eventsource-parser.js" } }</script>`;

/** The page, the built package and the parser: what the handler does not serve. */
async function staticFile(path: string): Promise<Response> {
  if (path === "/page.html") return new Response(PAGE, { headers: { "content-type": "text/html" } });
  const file =
    path === "/vendor/eventsource-parser.js"
      ? resolve(root, "node_modules/eventsource-parser/dist/index.js")
      : path.startsWith("/dist/") && path.endsWith(".js")
        ? resolve(root, `.${path}`)
        : undefined;
  if (file === undefined || !file.startsWith(root)) return new Response(null, { status: 404 });
  return new Response(await readFile(file), { headers: { "content-type": "text/javascript" } });
}

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(resolve(root, "dist/http/index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}, 60_000);
afterAll(() => browser?.close());

describe("browser -> HTTP -> JobClient -> serve with a WorkerPool", () => {
  it("shows progress in the page, and the page's cancel stops the worker's CPU-bound loop", { timeout: 60_000 }, async () => {
    const queue = uniqueQueue("http-e2e");
    const pool = new WorkerPool<Tasks>(new URL("../fixtures/http/cpu-tasks.mjs", import.meta.url), { size: 1, cancelGraceMs: 60_000 });
    onTestFinished(() => pool.close());
    await useServer(queue, names, { pool, progressIntervalMs: 0 });
    const jobs = useClient<Tasks>(queue);
    const edge = await useEdge(names, { runner: jobs }, {
      wrap: (handler) => (request) => {
        const path = new URL(request.url).pathname;
        return path === "/ops" || path.startsWith("/ops/") ? handler(request) : staticFile(path);
      },
    });
    const events = await rawEvents(queue);
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error:", error));
    try {
      await page.goto(`${edge.origin}/page.html`);
      // Runs in the page: start, wait for a progress value above 0 (the loop spins), report the id.
      const id = await page.evaluate(`(async () => {
        const { OperationClient } = await import("/dist/http/index.js");
        window.client = new OperationClient("/ops");
        window.op = client.run("crunch", null);
        await new Promise((resolve) => op.onProgress((p) => { if (p > 0) resolve(); }));
        return op.operationId;
      })()`);
      expect(typeof id).toBe("string");
      const failed = nextEvent(events, "failed", id as string);
      const status = await page.evaluate(`(() => { op.cancel(); return op.status; })()`);
      expect(status).toBe(AsyncStatus.canceled);
      await failed; // the job ended: the loop saw the shared flag (no termination within the minute of grace)
      const seenFromNode = useClient<Tasks>(queue).attach<"crunch">(id as string);
      expect(await rejection(seenFromNode)).toBeInstanceOf(CanceledError);
      await page.evaluate("client.close()");
    } finally {
      await page.close();
    }
  });
});
