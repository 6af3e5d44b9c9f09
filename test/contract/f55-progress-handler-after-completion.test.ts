// Case 55: a progress handler assigned after completion is never called (no replay of earlier progress).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { asProgress, progressKinds } from "../helpers/kinds.js";
import { settle } from "../helpers/fixtures.js";

describe.each(progressKinds)("$name", (kind) => {
  it("never calls a handler or listener added after a body that reported and completed synchronously", async () => {
    const op = asProgress(
      kind.run((ctx) => {
        ctx.report(1);
        ctx.report(2);
        return 3;
      }),
    );
    const seen: number[] = [];
    op.progress = (_sender, value) => seen.push(value);
    op.onProgress((value) => seen.push(value));
    await op;
    await settle();
    expect(seen).toEqual([]);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.errorCode).toBeNull();
    expect(op.getResults()).toBe(kind.expected(3));
  });
});
