// Case 69: inside the completed handler, sender.status equals the status argument.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  describe.each(terminalCases)("$label", (terminal) => {
    it("when assigned after the op ended", async () => {
      const { op } = terminal.make(kind);
      const seen: Array<[number, number]> = [];
      op.completed = (_sender, status) => seen.push([op.status, status]);
      await microtasks();
      expect(seen).toEqual([[terminal.status, terminal.status]]);
    });
  });

  it.each(terminalCases)("when assigned while started, ending $label", async (terminal) => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      if (terminal.label === "error") throw new Error("failed");
      return 1;
    });
    const seen: Array<[number, number]> = [];
    op.completed = (_sender, status) => seen.push([op.status, status]);
    if (terminal.label === "canceled") op.cancel();
    g.open();
    await op.then(
      () => undefined,
      () => undefined,
    );
    await microtasks();
    expect(seen).toEqual([[terminal.status, terminal.status]]);
  });
});
