/// <reference types="node" />
// Typed subscriptions to the two channels: the listener receives the message with its type, and a `Disposable`
// unsubscribes, so a subscriber needs neither `message as ...` casts nor to keep its function for `unsubscribe`.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";
import { channelNames, type OperationSettleMessage, type OperationStartMessage } from "./channels.js";

// The engine that publishes on these channels is installed by this entry's other modules (trackOperations and
// liveOperations import it by name); a bare import here would be dropped anyway under `"sideEffects": false`.
function subscribeTo<T>(name: string, caller: string, listener: (message: T) => void): Disposable {
  // The type alone names what came: `describe` would bring a chunk that doubles this entry's size.
  if (typeof listener !== "function") {
    throw new TypeError(`${caller} expects a function, got ${listener === null ? "null" : typeof listener}`);
  }
  // A function of our own per call: subscribing one listener twice gives two subscriptions, each disposed alone.
  const onMessage = (message: unknown): void => listener(message as T);
  subscribe(name, onMessage);
  let subscribed = true;
  return {
    [disposeSymbol]: (): void => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe(name, onMessage);
    },
  };
}

/**
 * Subscribes `listener` to `winrt-async:start` (`channelNames.start`): it receives an `OperationStartMessage` for
 * each operation created from now on, as the channel publishes it. Disposing the returned `Disposable`
 * unsubscribes (a second dispose does nothing). A listener that throws does not disturb the operation (Node
 * reports the error as an uncaught exception on a later tick). Throws `TypeError` when `listener` is not a function.
 */
export function onOperationStart(listener: (message: OperationStartMessage) => void): Disposable {
  return subscribeTo(channelNames.start, "onOperationStart", listener);
}

/**
 * Subscribes `listener` to `winrt-async:settle` (`channelNames.settle`): it receives an `OperationSettleMessage`,
 * synchronously, each time an operation leaves `started`. Disposing the returned `Disposable` unsubscribes (a second
 * dispose does nothing). A listener that throws does not disturb the operation (Node reports the error as an
 * uncaught exception on a later tick). Throws `TypeError` when `listener` is not a function.
 */
export function onOperationSettle(listener: (message: OperationSettleMessage) => void): Disposable {
  return subscribeTo(channelNames.settle, "onOperationSettle", listener);
}
