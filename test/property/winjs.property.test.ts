// Random trees of then()/done() on one WinJSPromise source, random handlers (return a value, throw, return a settled
// or a failed promise, or none), and a random ending of the source (complete, error or cancel, after random progress).
// Checked against a model of WinJS's rules: every registration settles exactly as the model says, each handler runs
// at most once, everything has run by the time complete()/error()/cancel() returns (synchronous delivery), and
// progress reaches exactly the handlers WinJS's pass-through rule says.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";

type Behaviour = "value" | "throw" | "settled" | "failed";
type Outcome = { ok: true; value: number } | { ok: false; error: unknown };

interface Node {
  /** Index of the node this one is registered on; -1 for the source. */
  readonly parent: number;
  readonly onComplete: Behaviour | null;
  readonly onError: Behaviour | null;
  readonly onProgress: boolean;
}

const behaviour = fc.constantFrom<Behaviour | null>(null, "value", "throw", "settled", "failed");

const tree = fc
  .array(fc.record({ parentSeed: fc.nat(), onComplete: behaviour, onError: behaviour, onProgress: fc.boolean() }), {
    maxLength: 25,
  })
  .map((raw) =>
    raw.map((entry, index): Node => ({
      parent: (entry.parentSeed % (index + 1)) - 1,
      onComplete: entry.onComplete,
      onError: entry.onError,
      onProgress: entry.onProgress,
    })),
  );

const ending = fc.record({
  progress: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
  end: fc.constantFrom("complete", "error", "cancel"),
});

/** What a handler with `behaviour` does with `input` at node `index` (deterministic, so the model can predict it). */
function act(kind: Behaviour, index: number, input: unknown): unknown {
  switch (kind) {
    case "value":
      return index * 1000 + (typeof input === "number" ? input : 0);
    case "throw":
      throw `thrown at ${index}`;
    case "settled":
      return WinJSPromise.wrap(index);
    case "failed":
      return WinJSPromise.wrapError(`failed at ${index}`);
  }
}

function modelOutcome(kind: Behaviour, index: number, input: unknown): Outcome {
  switch (kind) {
    case "value":
      return { ok: true, value: act(kind, index, input) as number };
    case "throw":
      return { ok: false, error: `thrown at ${index}` };
    case "settled":
      return { ok: true, value: index };
    case "failed":
      return { ok: false, error: `failed at ${index}` };
  }
}

function isCanceled(error: unknown): boolean {
  return error instanceof Error && error.name === "Canceled" && error.message === "Canceled";
}

describe("WinJSPromise (property)", () => {
  it("settles every registration of a random tree as WinJS's rules say, synchronously, each handler at most once", () => {
    captureListenerErrors();
    fc.assert(
      fc.property(tree, ending, (nodes, { progress, end }) => {
        let complete!: (value: number) => void;
        let fail!: (error: unknown) => void;
        let report!: (value: number) => void;
        let hookRuns = 0;
        const source = new WinJSPromise<number, number>(
          (c, e, p) => {
            complete = c;
            fail = e;
            report = p;
          },
          () => hookRuns++,
        );
        const promises: WinJSPromise<unknown, unknown>[] = [];
        const calls = nodes.map(() => ({ complete: 0, error: 0, progress: [] as unknown[] }));
        const outcomes: (Outcome | undefined)[] = nodes.map(() => undefined);
        nodes.forEach((node, index) => {
          const on = node.parent < 0 ? source : promises[node.parent]!;
          const child = on.then(
            node.onComplete === null
              ? null
              : (value: unknown) => {
                  calls[index]!.complete++;
                  return act(node.onComplete!, index, value);
                },
            node.onError === null
              ? null
              : (error: unknown) => {
                  calls[index]!.error++;
                  return act(node.onError!, index, error);
                },
            node.onProgress ? (value: unknown) => calls[index]!.progress.push(value) : null,
          ) as WinJSPromise<unknown, unknown>;
          promises.push(child);
          child.done(
            (value) => (outcomes[index] = { ok: true, value: value as number }),
            (error: unknown) => (outcomes[index] = { ok: false, error }),
          );
        });
        for (const value of progress) report(value);
        if (end === "complete") complete(7);
        else if (end === "error") fail("source failed");
        // A cancel from the last registration travels up to the source, and settles the whole tree the same way.
        else (promises.at(-1) ?? source).cancel();
        const canceled = end === "cancel";
        expect(hookRuns).toBe(canceled ? 1 : 0);

        // The model.
        const model: Outcome[] = [];
        const receivesProgress: boolean[] = [];
        const sourceOutcome: Outcome =
          end === "complete" ? { ok: true, value: 7 } : { ok: false, error: end === "error" ? "source failed" : "canceled" };
        nodes.forEach((node, index) => {
          const input = node.parent < 0 ? sourceOutcome : model[node.parent]!;
          const handler = input.ok ? node.onComplete : node.onError;
          model.push(handler === null ? input : modelOutcome(handler, index, input.ok ? input.value : input.error));
          const parentGetsProgress =
            node.parent < 0 ||
            (receivesProgress[node.parent]! && nodes[node.parent]!.onComplete === null && nodes[node.parent]!.onError === null);
          receivesProgress.push(parentGetsProgress);
        });

        nodes.forEach((node, index) => {
          const expected = model[index]!;
          const actual = outcomes[index];
          expect(actual, `registration ${index} settled synchronously`).toBeDefined();
          expect(calls[index]!.complete + calls[index]!.error).toBeLessThanOrEqual(1);
          if (expected.ok) expect(actual).toEqual(expected);
          else if (expected.error === "canceled") expect(isCanceled((actual as { error: unknown }).error)).toBe(true);
          else expect(actual).toEqual(expected);
          const expectedProgress = node.onProgress && receivesProgress[index] ? progress : [];
          expect(calls[index]!.progress).toEqual(expectedProgress);
        });
      }),
      { numRuns: 300 },
    );
  });
});
