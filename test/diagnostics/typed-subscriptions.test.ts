// Issue 19: onOperationStart / onOperationSettle subscribe a typed listener to the winrt-async:start and
// winrt-async:settle channels and return a Disposable that unsubscribes; misuse throws TypeError synchronously.
import { channel } from "node:diagnostics_channel";
import { afterEach, describe, expect, it } from "vitest";
import { AsyncStatus, type Disposable } from "../../src/index.js";
import { channelNames, onOperationSettle, onOperationStart } from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, settle } from "../helpers/fixtures.js";

const cleanups: Disposable[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup[Symbol.dispose]();
});

describe.each(kinds)("$name", (kind) => {
  it("the listeners receive the start and settle messages of each operation, until disposed", async () => {
    const seen: string[] = [];
    const start = onOperationStart((message) => seen.push(`start:${message.id}:${message.description}`));
    const settled = onOperationSettle((message) => seen.push(`settle:${message.id}:${message.statusName}`));
    cleanups.push(start, settled);
    const open = gate();
    const op = kind.run(() => open.promise, { description: "typed" });
    await settle();
    open.open();
    await settle();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(seen.filter((entry) => entry.split(":")[1] === String(op.id))).toEqual([`start:${op.id}:typed`, `settle:${op.id}:completed`]);
    start[Symbol.dispose]();
    settled[Symbol.dispose]();
    settled[Symbol.dispose]();
    const count = seen.length;
    kind.run(() => gate().promise).cancel();
    await settle();
    expect(seen.length).toBe(count);
  });
});

describe("subscriptions", () => {
  it("leave no subscriber behind once disposed", () => {
    const before = [channel(channelNames.start).hasSubscribers, channel(channelNames.settle).hasSubscribers];
    const subscriptions = [onOperationStart(() => {}), onOperationSettle(() => {})];
    expect([channel(channelNames.start).hasSubscribers, channel(channelNames.settle).hasSubscribers]).toEqual([true, true]);
    for (const subscription of subscriptions) subscription[Symbol.dispose]();
    expect([channel(channelNames.start).hasSubscribers, channel(channelNames.settle).hasSubscribers]).toEqual(before);
  });

  it("throw TypeError for a listener that is not a function", () => {
    expect(() => onOperationStart(undefined as never)).toThrow(TypeError);
    expect(() => onOperationSettle("listener" as never)).toThrow(TypeError);
  });
});
