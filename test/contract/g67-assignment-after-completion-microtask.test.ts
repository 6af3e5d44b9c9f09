// Cases 67 (DESIGN 2.8, 2.3 #6): assigned on a terminal op, the handler runs on a microtask after the setter, once, with (op, status).
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { microtasks } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  describe.each(terminalCases)("$label", (terminal) => {
    it('logs ["after-set", "handler"] and runs before any macrotask', async () => {
      const { op } = terminal.make(kind);
      const log: string[] = [];
      const calls: Array<{ sender: unknown; status: number }> = [];
      op.completed = (sender, status) => {
        log.push("handler");
        calls.push({ sender, status });
      };
      log.push("after-set");
      expect(log).toEqual(["after-set"]);
      await microtasks();
      expect(log).toEqual(["after-set", "handler"]);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.sender).toBe(op);
      expect(calls[0]!.status).toBe(terminal.status);
    });
  });
});
