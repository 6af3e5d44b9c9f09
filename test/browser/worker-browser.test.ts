// The same pool over browser module workers, in headless Chromium (Debian's chromium through playwright-core):
// results, progress, rebuilt errors, cancel (cooperative; the shared flag when the page is cross-origin
// isolated), and crashes (a throw in a timer, a module that throws at top level) ending their operations with
// DisconnectedError, the pool going on. Files are served from a loopback http server on a free port.
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The shared finder of system programs (plain JavaScript, untyped): imported by URL with its type stated here.
const programs = new URL("../support/system-programs.mjs", import.meta.url).href;
const { chromiumArgs, chromiumPath } = (await import(programs)) as { chromiumArgs: string[]; chromiumPath(): string };

const root = resolve(import.meta.dirname, "../..");
const types: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html", ".map": "application/json" };

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    // The page decides isolation: COOP + COEP make it cross-origin isolated (SharedArrayBuffer available).
    const isolated = path === "/isolated.html";
    const headers: Record<string, string> = {
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    };
    if (isolated) headers["Cross-Origin-Opener-Policy"] = "same-origin";
    if (path === "/isolated.html" || path === "/plain.html") {
      response.writeHead(200, { ...headers, "Content-Type": "text/html" });
      response.end("<!doctype html><title>winrt-async worker test</title>");
      return;
    }
    const file = resolve(root, `.${path}`);
    const allowed = [resolve(root, "dist") + sep, resolve(root, "test/fixtures/worker") + sep];
    if (!allowed.some((prefix) => file.startsWith(prefix))) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { ...headers, "Content-Type": types[extname(file)] ?? "application/octet-stream" });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

async function openPage(isolated: boolean): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(`${origin}/${isolated ? "isolated" : "plain"}.html`);
  return page;
}

// The scenarios live in a fixture module the page imports (test/fixtures/worker/browser-scenarios.mjs); the
// expression is a string so that nothing in this file is rewritten for the page.
function scenarios(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate("import('/test/fixtures/worker/browser-scenarios.mjs').then((m) => m.run())");
}

for (const isolated of [true, false]) {
  describe(`WorkerPool over browser module workers (${isolated ? "cross-origin isolated: shared flag" : "no SharedArrayBuffer"})`, () => {
    it("runs tasks, delivers progress, rebuilds errors, cancels and survives crashes", async () => {
      const page = await openPage(isolated);
      try {
        const out = await scenarios(page);
        const disconnected = { ctor: "DisconnectedError", name: "DisconnectedError", hresult: 0x80010108 | 0 };
        expect(out["isolated"]).toBe(isolated);
        expect(out["instance"]).toBe(true);
        expect(out["add"]).toBe(42);
        expect(out["count"]).toEqual([100, [100]]);
        expect(out["steps"]).toEqual([1, 2, 3]);
        expect(out["type"]).toMatchObject({ ctor: "TypeError", message: "bad type" });
        expect(out["timeout"]).toMatchObject({ ctor: "TimeoutError", hresult: 0x800705b4 | 0, cause: "RangeError" });
        expect(out["custom"]).toMatchObject({ ctor: "AsyncError", name: "HrError", hresult: -2147024809, details: { path: "/x" } });
        expect(out["canceledAtOnce"]).toBe(true);
        expect(out["disposed"]).toBe(true);
        // Both end the body; only without the shared flag did it take a termination (a thread fewer at once).
        expect(out["spin"]).toEqual(isolated ? { threadsBefore: 2, threadsAfter: 2 } : { threadsBefore: 2, threadsAfter: 1 });
        expect(out["crash"]).toMatchObject(disconnected);
        expect(out["afterCrash"]).toBe(2);
        expect(out["closed"]).toEqual([true, 0]);
        expect(out["topLevel"]).toMatchObject(disconnected);
      } finally {
        await page.close();
      }
    }, 60_000);

    it("records reach only their own operation: one task code posts through self.postMessage is rejected", async () => {
      const page = await openPage(isolated);
      try {
        const out = await page.evaluate("import('/test/fixtures/worker/browser-scenarios.mjs').then((m) => m.channel())");
        expect(out).toEqual({
          reported: ["TypeError", "TypeError"],
          stray: "own",
          gatedStatus: 0,
          gated: "released",
          strayNext: "own",
          after: [0, 1, 2],
        });
      } finally {
        await page.close();
      }
    }, 60_000);
  });
}
