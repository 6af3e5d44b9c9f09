// DESIGN 4.5: the node:diagnostics_channel channels winrt-async:start and winrt-async:settle publish while someone
// subscribes, and only then: one start message per operation (with its description), before its settle message,
// in creation order; one settle message per operation when it leaves started, with the failure in `error`.
import { channel, subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterEach, describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import {
  channelNames,
  type OperationSettleMessage,
  type OperationStartMessage,
} from "../../src/diagnostics/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, settle } from "../helpers/fixtures.js";

type Event = ["start", OperationStartMessage] | ["settle", OperationSettleMessage];

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Subscribes to both channels until the end of the test; returns the messages in the order they came. */
function listen(): Event[] {
  const events: Event[] = [];
  const onStart = (message: unknown): void => void events.push(["start", message as OperationStartMessage]);
  const onSettle = (message: unknown): void => void events.push(["settle", message as OperationSettleMessage]);
  subscribe(channelNames.start, onStart);
  subscribe(channelNames.settle, onSettle);
  cleanups.push(() => {
    unsubscribe(channelNames.start, onStart);
    unsubscribe(channelNames.settle, onSettle);
  });
  return events;
}

const brief = ([name, message]: Event): string => `${name}:${message.id}${name === "settle" ? `:${message.status}` : ""}`;

describe("channel names", () => {
  it("are the ones DESIGN 4.5 fixes", () => {
    expect(channelNames).toEqual({ start: "winrt-async:start", settle: "winrt-async:settle" });
    expect(Object.isFrozen(channelNames)).toBe(true);
  });
});

describe.each(kinds)("$name", (kind) => {
  it("publishes start (with the description) then settle, with the operation itself, for each operation", async () => {
    const events = listen();
    const g = gate();
    const op = kind.run(() => g.promise, { description: "fetch" });
    await microtasks(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual(["start", { operation: op, id: op.id, kind: kind.name, description: "fetch" }]);
    g.open();
    await op;
    expect(events.map(brief)).toEqual([`start:${op.id}`, `settle:${op.id}:${AsyncStatus.completed}`]);
    const [, settled] = events[1]!;
    expect(settled).toEqual({ operation: op, id: op.id, kind: kind.name, description: "fetch", status: AsyncStatus.completed, statusName: "completed" });
    expect("error" in settled).toBe(false);
  });

  it("publishes the settle message synchronously, inside cancel(), and start before it even for a synchronous end", () => {
    const events = listen();
    const running = kind.run(() => gate().promise, { description: "to cancel" });
    const sync = kind.run(() => 1, { description: "sync" });
    expect(events.map(brief)).toEqual([`start:${running.id}`, `start:${sync.id}`, `settle:${sync.id}:${AsyncStatus.completed}`]);
    expect(events[1]![1].description).toBe("sync");
    running.cancel();
    expect(events.map(brief).at(-1)).toBe(`settle:${running.id}:${AsyncStatus.canceled}`);
  });

  it("carries the failure value in `error`, without observing it (it is still reported as unobserved)", async () => {
    const reported = captureUnobserved();
    const events = listen();
    const error = new Error("boom");
    const op = kind.run(async () => {
      throw error;
    });
    await settle();
    await settle();
    const settled = events.find(([name]) => name === "settle")![1] as OperationSettleMessage;
    expect(settled.status).toBe(AsyncStatus.error);
    expect(settled.error).toBe(error);
    expect(settled.operation).toBe(op);
    expect(reported.map((entry) => entry.error)).toEqual([error]);
  });

  it("publishes nothing before anyone subscribes, nor after the last subscriber leaves", async () => {
    const startChannel = channel(channelNames.start);
    const settleChannel = channel(channelNames.settle);
    expect(startChannel.hasSubscribers || settleChannel.hasSubscribers).toBe(false);
    // Nobody listens: the publish method must not be reached. A spy on the channels shows it.
    const published: unknown[] = [];
    // An own property over the prototype's method; Node swaps the prototype when a channel gains subscribers,
    // so the method to forward to is looked up at each call.
    const spy = (target: typeof startChannel) => {
      target.publish = (message: unknown) => {
        published.push(message);
        (Object.getPrototypeOf(target) as typeof startChannel).publish.call(target, message);
      };
      cleanups.push(() => {
        delete (target as Partial<typeof startChannel>).publish;
      });
    };
    spy(startChannel);
    spy(settleChannel);
    const quiet = kind.run(() => gate().promise);
    kind.fromResult(1);
    quiet.cancel();
    await settle();
    expect(published).toEqual([]);

    const events = listen();
    const heard = kind.fromResult(2);
    expect(events.map(brief)).toEqual([`start:${heard.id}`, `settle:${heard.id}:${AsyncStatus.completed}`]);
    for (const cleanup of cleanups.splice(-1)) cleanup(); // unsubscribes
    published.length = 0;
    const after = kind.run(() => gate().promise);
    after.cancel();
    kind.fromResult(3);
    await settle();
    expect(published).toEqual([]);
    expect(events).toHaveLength(2);
  });

  it("a subscriber to settle alone gets settle messages and no start ones", () => {
    const messages: unknown[] = [];
    const onSettle = (message: unknown): void => void messages.push(message);
    subscribe(channelNames.settle, onSettle);
    cleanups.push(() => unsubscribe(channelNames.settle, onSettle));
    const op = kind.canceled();
    expect(messages).toEqual([
      { operation: op, id: op.id, kind: kind.name, description: undefined, status: AsyncStatus.canceled, statusName: "canceled" },
    ]);
  });
});
