// winrt-async/winjs as built (dist/, ESM and CommonJS) in a fresh Node process: the subpath shares the root's core,
// so an operation made through the root entry is recognised as ours (viewed by toWinJS, not followed as a plain
// thenable): WinJSPromise.as gives its view, progress flows, cancel() cancels it.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const dist = resolve(import.meta.dirname, "../../dist");
const body = `
  const op = AsyncOperationWithProgress.run(async (ctx) => {
    await new Promise((r) => setTimeout(r, 1));
    ctx.report(50);
    await new Promise((r) => setTimeout(r, 1));
    return "never";
  });
  const view = toWinJS(op);
  const seen = [];
  view.then(null, (e) => seen.push(e.name), (p) => { seen.push(p); view.cancel(); seen.push(op.status); });
  seen.push(WinJSPromise.as(op) === view, view instanceof WinJSPromise, view.operation === op);
  setTimeout(() => console.log(JSON.stringify(seen)), 20);
`;

describe("winrt-async/winjs as built", () => {
  it("ESM: the subpath recognises the root's operations", () => {
    const result = runScript(`
      import { AsyncOperationWithProgress } from "winrt-async";
      import { WinJSPromise, toWinJS } from ${JSON.stringify(pathToFileURL(resolve(dist, "winjs/index.js")).href)};
      ${body}
    `);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([true, true, true, 50, "Canceled", 2]);
  });

  it("CommonJS: the same through require", () => {
    const result = runScript(`
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const { AsyncOperationWithProgress } = require(${JSON.stringify(resolve(dist, "index.cjs"))});
      const { WinJSPromise, toWinJS } = require(${JSON.stringify(resolve(dist, "winjs/index.cjs"))});
      ${body}
    `);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([true, true, true, 50, "Canceled", 2]);
  });
});
