// Issue 19: a JobClient makes no operation of its own. It used to make one (to reach its operations' prototype)
// that never settled: it took an id and, while tracking, stayed in liveOperations() without a description.
import { afterEach, describe, expect, it } from "vitest";
import { AsyncOperation, type Disposable } from "../../src/index.js";
import { liveOperations, onOperationStart, trackOperations } from "../../src/diagnostics/index.js";
import { uniqueQueue, useClient } from "../helpers/bullmq.js";
import { settle } from "../helpers/fixtures.js";

const cleanups: Disposable[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup[Symbol.dispose]();
});

describe("JobClient", () => {
  it("creates no operation until run or attach: ids stay consecutive and nothing is live or published", async () => {
    cleanups.push(trackOperations());
    const started: number[] = [];
    cleanups.push(onOperationStart(({ id }) => started.push(id)));
    const before = AsyncOperation.fromResult(0).id;
    const client = useClient<{ square(n: number): number }>(uniqueQueue("no-internal-op"));
    const after = AsyncOperation.fromResult(0).id;
    await settle();
    expect(after).toBe(before + 1);
    expect(liveOperations()).toEqual([]);
    expect(started).toEqual([before, after]);
    expect(typeof client.run).toBe("function");
  });
});
