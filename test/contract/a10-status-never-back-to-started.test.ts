// Case 10: status is started until it becomes terminal and never goes back to started (nor changes terminal value).
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

/** Checks a sample sequence is 0…0 then one terminal value repeated, with at least one of each. */
function expectStartedThenTerminal(samples: readonly number[], terminal: AsyncStatus): void {
  const first = samples.findIndex((status) => status !== AsyncStatus.started);
  expect(first).toBeGreaterThan(0);
  expect(samples.slice(0, first).every((status) => status === AsyncStatus.started)).toBe(true);
  expect(samples.slice(first).every((status) => status === terminal)).toBe(true);
}

async function sampleAcross(op: AnyOp, samples: number[], act: () => void): Promise<void> {
  for (let i = 0; i < 5; i++) {
    samples.push(op.status);
    await Promise.resolve();
  }
  act();
  for (let i = 0; i < 30; i++) {
    samples.push(op.status);
    await Promise.resolve();
  }
  await settle();
  samples.push(op.status);
  await settle();
  samples.push(op.status);
}

describe.each(kinds)("$name", (kind) => {
  it("0…0 then completed", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      await Promise.resolve();
      return 123;
    });
    const samples: number[] = [];
    await sampleAcross(op, samples, () => g.open());
    expectStartedThenTerminal(samples, AsyncStatus.completed);
  });

  it("0…0 then error", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw new Error("failed");
    });
    const observed = op.then(undefined, () => undefined);
    const samples: number[] = [];
    await sampleAcross(op, samples, () => g.open());
    await observed;
    expectStartedThenTerminal(samples, AsyncStatus.error);
  });

  it("0…0 then canceled, which stays even when the body returns afterwards", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const samples: number[] = [];
    await sampleAcross(op, samples, () => {
      op.cancel();
      g.open();
    });
    expectStartedThenTerminal(samples, AsyncStatus.canceled);
  });
});
