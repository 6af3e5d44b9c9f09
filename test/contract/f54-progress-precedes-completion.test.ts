// Case 54: every progress delivery happens before the completed handler and the awaiters are told.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { gate, recorder } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("logs every progress entry before completed:1 and before the awaiter resumes", async () => {
    const g = gate();
    const log: unknown[] = [];
    const op = asProgress(
      kind.run(async (ctx) => {
        await g.promise;
        ctx.report(1);
        ctx.report(2);
        await Promise.resolve();
        ctx.report(3);
        return 4;
      }),
    );
    op.progress = (_sender, value) => log.push(`progress:${value}`);
    op.onProgress((value) => log.push(`listener:${value}`));
    op.completed = recorder(log).handler;
    const awaited = op.then(() => log.push("awaited"));
    g.open();
    await awaited;
    await Promise.resolve();
    const progressEntries = ["progress:1", "listener:1", "progress:2", "listener:2", "progress:3", "listener:3"];
    // Every progress entry first, in order; then the two completion notices (their mutual order is not a rule).
    expect(log.slice(0, 6)).toEqual(progressEntries);
    expect(log.slice(6).sort()).toEqual(["awaited", `completed:${AsyncStatus.completed}`]);
  });
});
