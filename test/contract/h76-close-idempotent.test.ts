// Case 76: a second (and third) close() succeeds silently; the op stays closed.
import { describe, expect, it } from "vitest";
import { IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  it.each(terminalCases)("close(); close(); close() on a $label op", (terminal) => {
    const { op } = terminal.make(kind);
    op.close();
    expect(() => op.close()).not.toThrow();
    expect(() => op.close()).not.toThrow();
    expect(() => op.status).toThrow(IllegalMethodCallError);
  });
});
