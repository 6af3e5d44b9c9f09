// A WinJS error value that is a revoked Proxy, as a whole Node process sees it: done() returns to its caller (it used
// to throw a TypeError into it) and the Proxy surfaces later as the uncaught exception, the process exits normally.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const winjs = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "../../dist/winjs/index.js")).href);

describe("a revoked Proxy error in a Node process", () => {
  it("done() returns, then the Proxy is rethrown as uncaughtException (identity kept)", () => {
    const result = runScript(`
      import { WinJSPromise } from ${winjs};
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const events = [];
      process.on("uncaughtException", (error) => {
        events.push("uncaught:" + (error === proxy));
        console.log(JSON.stringify(events));
      });
      WinJSPromise.wrapError(proxy).then((value) => value).done();
      events.push("after-done");
    `);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["after-done", "uncaught:true"]);
  });
});
