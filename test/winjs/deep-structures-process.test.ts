// Deep WinJS structures as a whole Node process sees them: canceling `loop = () => step().then(loop)` after
// 100,000 steps, and progress on a promise that follows itself, end normally (no uncaught RangeError, the running
// step's cancel hook runs) and the process exits by itself.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const winjs = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "../../dist/winjs/index.js")).href);

describe("deep WinJS structures in a Node process", () => {
  it("canceling the classic loop after 100,000 steps runs the step's hook, errors Canceled, throws nothing", () => {
    const result = runScript(
      `
      import { WinJSPromise } from ${winjs};
      const pending = [];
      let hooks = 0;
      const step = () => new WinJSPromise((complete) => pending.push(complete), () => hooks++);
      const loop = () => step().then(loop);
      const running = loop();
      for (let i = 0; i < 100000; i++) pending.shift()();
      let outcome = "pending";
      running.then(() => (outcome = "completed"), (error) => (outcome = error.name));
      running.cancel();
      setTimeout(() => console.log(JSON.stringify({ hooks, outcome })), 10);
    `,
      60_000,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ hooks: 1, outcome: "Canceled" });
  });

  it("progress on a promise that follows itself reaches its handler once, throws nothing", () => {
    const result = runScript(`
      import { WinJSPromise } from ${winjs};
      let complete, progress;
      const self = new WinJSPromise((c, _e, p) => { complete = c; progress = p; });
      complete(self);
      let seen = 0;
      self.then(null, null, () => seen++);
      progress("tick");
      setTimeout(() => console.log(JSON.stringify({ seen })), 10);
    `);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ seen: 1 });
  });
});
