// The web demo (`npm run demo:web`, demo/web-demo.mjs) in headless Chromium, as a whole process: the page shows
// live progress of tasks running on the server's WorkerPool, a Cancel button stops the worker's loop (the task's
// `finally` line on the server's stdout says it was canceled mid-way), and after a reload the page attaches to the
// task still running (its id kept in localStorage) and can cancel it. Needs dist/ (`npm test` builds it first).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const programs = new URL("../support/system-programs.mjs", import.meta.url).href;
const { chromiumArgs, chromiumPath } = (await import(programs)) as { chromiumArgs: string[]; chromiumPath(): string };

const root = resolve(import.meta.dirname, "../..");

interface Stopped {
  event: "stopped";
  label: string;
  percent: number;
  canceled: boolean;
}

let demo: ChildProcess;
let url: string;
let browser: Browser;
const stopped: Stopped[] = [];
const waiters: Array<() => void> = [];

beforeAll(async () => {
  if (!existsSync(resolve(root, "dist/http/index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  demo = spawn(process.execPath, [resolve(root, "demo/web-demo.mjs")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let buffer = "";
  url = await new Promise<string>((resolveUrl, reject) => {
    demo.once("exit", (code) => reject(new Error(`the demo exited early (${code})`)));
    demo.stdout!.setEncoding("utf8");
    demo.stdout!.on("data", (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const printed = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        if (printed) resolveUrl(printed[1]!);
        else if (line.startsWith("{")) {
          stopped.push(JSON.parse(line) as Stopped);
          for (const wake of waiters.splice(0)) wake();
        }
      }
    });
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (demo !== undefined && demo.exitCode === null) {
    const exited = new Promise((done) => demo.once("exit", done));
    demo.kill("SIGINT"); // the demo closes its handler, pool and server, and exits by itself
    await exited;
  }
});

async function stoppedLine(label: string): Promise<Stopped> {
  for (;;) {
    const line = stopped.find((entry) => entry.label === label);
    if (line !== undefined) return line;
    await new Promise<void>((wake) => waiters.push(wake));
  }
}

/** Waits until the row of `label` shows a percentage above `above`; returns it. */
async function progressAbove(page: Page, label: string, above: number): Promise<number> {
  const row = `li[data-label="${label}"]`;
  await page.waitForFunction(
    ([selector, min]) => Number(document.querySelector(selector as string)?.getAttribute("data-percent") ?? -1) > (min as number),
    [row, above] as const,
    { timeout: 60_000 },
  );
  return Number(await page.getAttribute(row, "data-percent"));
}

describe("the web demo page", () => {
  it("shows progress, cancels (the worker's loop stops), reloads and attaches", async () => {
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error:", error));
    try {
      await page.goto(url);
      await page.waitForSelector("body[data-ready]");
      await page.fill("#seconds", "120");
      await page.click("#start");
      await page.click("#start");
      const labels = await page.$$eval("li", (rows) => rows.map((row) => row.getAttribute("data-label")!));
      expect(labels).toHaveLength(2);
      const [first, second] = labels as [string, string];

      // Live progress, then a cancel from the button: canceled at once in the page, the loop stops on the server.
      await progressAbove(page, first, 0);
      await page.click(`li[data-label="${first}"] .cancel`);
      await page.waitForSelector(`li[data-label="${first}"][data-status="canceled"]`);
      const line = await stoppedLine(first);
      expect(line.canceled).toBe(true);
      expect(line.percent).toBeLessThan(100);

      // A reload: the page attaches to the task still running and keeps showing its progress.
      const before = await progressAbove(page, second, 0);
      await page.reload();
      await page.waitForSelector("body[data-ready]");
      const rows = await page.$$eval("li", (items) => items.map((row) => row.getAttribute("data-label")));
      expect(rows).toEqual([second]);
      await progressAbove(page, second, before);
      await page.click(`li[data-label="${second}"] .cancel`);
      await page.waitForSelector(`li[data-label="${second}"][data-status="canceled"]`);
      expect((await stoppedLine(second)).canceled).toBe(true);

      // Nothing left to attach to after another reload.
      await page.reload();
      await page.waitForSelector("body[data-ready]");
      expect(await page.$$("li")).toHaveLength(0);
    } finally {
      await page.close();
    }
  }, 120_000);
});
