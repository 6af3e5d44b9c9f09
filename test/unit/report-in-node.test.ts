// DESIGN 2.3 #8 and 2.7 as a whole Node process sees them: a throwing handler surfaces as an uncaught exception on
// a later tick (like an EventTarget listener's error); an error nobody observed becomes a warning, never a crash.
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("in a Node process", () => {
  it("a throwing completed handler is reported as uncaughtException, after the setter and without changing the outcome", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      const boom = new Error("handler boom");
      const events = [];
      process.on("uncaughtException", (error) => {
        events.push("uncaught:" + (error === boom));
        events.push("status:" + op.status + ":" + op.getResults());
        console.log(JSON.stringify(events));
      });
      const op = AsyncOperation.fromResult(7);
      op.completed = () => { events.push("handler"); throw boom; };
      events.push("after-set");
    `);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["after-set", "handler", "uncaught:true", "status:1:7"]);
  });

  it("without a handler for uncaught exceptions the process fails, as with a throwing event listener", () => {
    const result = runScript(`
      import { AsyncAction } from "winrt-async";
      const action = AsyncAction.fromResult();
      action.completed = () => { throw new Error("nobody catches this"); };
    `);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("nobody catches this");
  });

  it("an unobserved failure becomes an UnobservedAsyncError warning and the process exits 0", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      process.on("warning", (warning) => console.log("warning:" + warning.name));
      process.on("unhandledRejection", () => console.log("unhandledRejection"));
      AsyncOperation.run(async () => { throw new Error("lost"); });
    `);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual(["warning:UnobservedAsyncError"]);
    expect(result.stderr).toContain("lost");
  });

  it("with an onUnobservedError listener the listener gets the error and the operation, and nothing is printed", () => {
    const result = runScript(`
      import { AsyncOperation, onUnobservedError } from "winrt-async";
      process.on("warning", () => console.log("warning"));
      const error = new Error("seen by the hook");
      let op;
      const subscription = onUnobservedError((e, o) => {
        console.log("hook:" + (e === error) + ":" + (o === op));
        subscription[Symbol.dispose]();
      });
      op = AsyncOperation.fromError(error);
    `);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("hook:true:true");
    expect(result.stderr).toBe("");
  });

  it("an operation awaited in the same macrotask is not reported", () => {
    const result = runScript(`
      import { AsyncOperation, onUnobservedError } from "winrt-async";
      onUnobservedError(() => console.log("reported"));
      const op = AsyncOperation.fromError(new Error("handled"));
      await Promise.resolve();
      await op.catch(() => console.log("caught"));
    `);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("caught");
  });
});
