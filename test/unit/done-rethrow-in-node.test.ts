// DESIGN 4.4 as a whole Node process sees it: done() without an error callback rethrows a failure asynchronously,
// as an uncaughtException after the call returned (the process fails when nobody handles it), and drops a
// cancellation (the process exits 0, nothing printed).
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("done() in a Node process", () => {
  it("rethrows an unhandled failure as an uncaughtException on a later tick, after done() returned", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      const boom = new Error("done boom");
      const events = [];
      process.on("uncaughtException", (error) => {
        events.push("uncaught:" + (error === boom));
        console.log(JSON.stringify(events));
      });
      const op = AsyncOperation.fromError(boom);
      op.done((value) => events.push("complete"));
      events.push("after done");
    `);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(["after done", "uncaught:true"]);
  });

  it("makes the process fail when nobody handles the rethrown failure", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      AsyncOperation.run(async () => { throw new Error("nobody handles this"); }).done();
    `);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("nobody handles this");
  });

  it("drops a cancellation: the process exits 0 with nothing on stderr", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      process.on("warning", (warning) => console.log("warning:" + warning.name));
      const op = AsyncOperation.run(() => new Promise(() => {}));
      op.done((value) => console.log("complete"));
      op.cancel();
    `);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("");
  });

  it("rethrows what the completion callback throws", () => {
    const result = runScript(`
      import { AsyncOperation } from "winrt-async";
      AsyncOperation.fromResult(1).done(() => { throw new Error("callback threw"); });
    `);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("callback threw");
  });
});
