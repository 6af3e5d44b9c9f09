import type { AsyncStatus } from "../status.js";
import type { AnyOperation, OperationKind } from "./operation-kind.js";
import type { AsyncStatusName } from "./status-name.js";

/**
 * The names of the `node:diagnostics_channel` channels this library publishes to, once `winrt-async/diagnostics`
 * is loaded in the process and only while the channel has a subscriber.
 */
export const channelNames = Object.freeze({
  /** Publishes an `OperationStartMessage` for each new operation. */
  start: "winrt-async:start",
  /** Publishes an `OperationSettleMessage` when an operation leaves `started`. */
  settle: "winrt-async:settle",
} as const);

/**
 * What `winrt-async:start` publishes for each new operation: before its first settle message, and at the latest
 * on the microtask after it was created (by then the producer has recorded its description). Shared by every
 * subscriber: treat it as read-only.
 */
export interface OperationStartMessage {
  /** The operation itself (a subscriber that keeps it keeps it alive). */
  readonly operation: AnyOperation;
  /** The operation's `id`. */
  readonly id: number;
  /** The operation's class, as its `Symbol.toStringTag` names it. */
  readonly kind: OperationKind;
  /** The `description` given to its producer, if any. */
  readonly description: string | undefined;
}

/**
 * What `winrt-async:settle` publishes, synchronously, when an operation leaves `started`. `error` is the failure
 * value in status `error` (reading it does not count as observing the failure) and absent otherwise. Shared by
 * every subscriber: treat it as read-only.
 */
export interface OperationSettleMessage {
  /** The operation itself (a subscriber that keeps it keeps it alive). */
  readonly operation: AnyOperation;
  /** The operation's `id`. */
  readonly id: number;
  /** The operation's class, as its `Symbol.toStringTag` names it. */
  readonly kind: OperationKind;
  /** The `description` given to its producer, if any. */
  readonly description: string | undefined;
  /** The terminal status it just reached: `completed`, `canceled` or `error`. */
  readonly status: AsyncStatus;
  /** The same status by name: `"completed"`, `"canceled"` or `"error"`. */
  readonly statusName: Exclude<AsyncStatusName, "started">;
  /** In status `error`, the failure value (reading it here does not count as observing it); absent otherwise. */
  readonly error?: unknown;
}
