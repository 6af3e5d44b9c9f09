// Case 7: the body's cleanup (finally blocks) runs before the completed handler and before awaiters resume.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("logs cleanup before completed", async () => {
    const log: string[] = [];
    const g = gate();
    const op = kind.run(async () => {
      try {
        await g.promise;
        return 123;
      } finally {
        log.push("cleanup");
      }
    });
    op.completed = () => log.push("completed");
    const awaited = op.then(() => log.push("awaited"));
    g.open();
    await awaited;
    await microtasks();
    expect(log[0]).toBe("cleanup");
    expect(log).toHaveLength(3);
    expect(log.slice(1).sort()).toEqual(["awaited", "completed"]);
  });

  it("logs cleanup before completed when the body fails", async () => {
    const log: string[] = [];
    const g = gate();
    const failure = new Error("fails");
    const op = kind.run(async () => {
      try {
        await g.promise;
        throw failure;
      } finally {
        log.push("cleanup");
      }
    });
    op.completed = () => log.push("completed");
    g.open();
    await op.then(undefined, () => undefined);
    await microtasks();
    expect(log).toEqual(["cleanup", "completed"]);
  });
});
