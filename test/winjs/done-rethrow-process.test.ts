// done()'s rethrow as a whole Node process sees it: an unhandled error surfaces as an uncaughtException on a later
// tick (like a throwing handler of this library), never inside done(); WinJS's "Canceled" error never surfaces.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const winjs = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "../../dist/winjs/index.js")).href);

describe("done() in a Node process", () => {
  it("rethrows an unhandled error as uncaughtException, after done() returned, with its identity", () => {
    const result = runScript(`
      import { WinJSPromise } from ${winjs};
      const boom = new Error("unhandled in done");
      const events = [];
      process.on("uncaughtException", (error) => {
        events.push("uncaught:" + (error === boom));
        console.log(JSON.stringify(events));
      });
      WinJSPromise.wrapError(boom).then((value) => value).done();
      events.push("after-done");
    `);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["after-done", "uncaught:true"]);
  });

  it("a throw from a done() handler of a promise completed later surfaces too, not inside complete()", () => {
    const result = runScript(`
      import { WinJSPromise } from ${winjs};
      const boom = new Error("handler threw");
      const events = [];
      process.on("uncaughtException", (error) => {
        events.push("uncaught:" + (error === boom));
        console.log(JSON.stringify(events));
      });
      let complete;
      new WinJSPromise((c) => { complete = c; }).done(() => { throw boom; });
      try { complete(1); events.push("complete-returned"); } catch { events.push("complete-threw"); }
    `);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["complete-returned", "uncaught:true"]);
  });

  it("without an uncaughtException handler the process fails with the error", () => {
    const result = runScript(`
      import { toWinJS } from ${winjs};
      import { AsyncOperation } from "winrt-async";
      toWinJS(AsyncOperation.run(async () => { throw new Error("operation failed, nobody handled it"); })).done();
    `);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("operation failed, nobody handled it");
  });

  it("a canceled chain ending in done() exits cleanly: Canceled is never rethrown", () => {
    const result = runScript(`
      import { WinJSPromise, toWinJS } from ${winjs};
      import { delay } from "winrt-async";
      process.on("uncaughtException", (error) => console.log("uncaught:" + error.message));
      const chain = WinJSPromise.timeout(60_000).then(() => "never");
      chain.done();
      chain.cancel();
      const view = toWinJS(delay(60_000));
      view.then((v) => v).done();
      view.cancel();
      console.log("canceled");
    `);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("canceled");
  });
});
