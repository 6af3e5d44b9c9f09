// DESIGN 4.3 item 3 with 3.2 (nothing leaks): a coroutine canceled while it waits on a long-lived operation that it
// does not cancel (propagateCancellation: false) leaves nothing on it: once the body has unwound, the generator
// and its frame can be collected while the awaited operation goes on. Checked with WeakRef and a forced GC in a
// child process (--expose-gc); no timing involved.
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("a canceled coroutine", () => {
  it("keeps nothing alive through the long-lived operation it stopped waiting on", () => {
    const result = runScript(
      `
      import { AsyncOperation, AsyncStatus, wait } from "winrt-async";
      let release;
      const longLived = AsyncOperation.run(() => new Promise((resolve) => { release = resolve; }));
      const refs = [];
      let unwound = 0;
      for (let i = 0; i < 100; i++) {
        const big = new Uint8Array(100_000); // held by the generator's frame
        const op = AsyncOperation.run(function* () {
          try {
            yield* wait(longLived);
            return big.length;
          } finally {
            unwound++;
          }
        }, { propagateCancellation: false });
        refs.push(new WeakRef(big));
        op.cancel();
      }
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 0));
      globalThis.gc();
      const alive = refs.filter((ref) => ref.deref() !== undefined).length;
      console.log(JSON.stringify({ unwound, alive, longLived: longLived.status }));
      release(1);
    `,
      30_000,
      ["--expose-gc"],
    );
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout.trim())).toEqual({ unwound: 100, alive: 0, longLived: 0 });
  });
});
