import type { AsyncStatus } from "../status.js";
import type { AnyOperation, OperationKind } from "./operation-kind.js";

/**
 * The names of the `node:diagnostics_channel` channels this library publishes to, once `winrt-async/diagnostics`
 * is loaded in the process and only while the channel has a subscriber.
 */
export const channelNames = Object.freeze({
  start: "winrt-async:start",
  settle: "winrt-async:settle",
} as const);

/**
 * What `winrt-async:start` publishes for each new operation: before its first settle message, and at the latest
 * on the microtask after it was created (by then the producer has recorded its description). Shared by every
 * subscriber: treat it as read-only.
 */
export interface OperationStartMessage {
  readonly operation: AnyOperation;
  readonly id: number;
  readonly kind: OperationKind;
  readonly description: string | undefined;
}

/**
 * What `winrt-async:settle` publishes, synchronously, when an operation leaves `started`. `error` is the failure
 * value in status `error` (reading it does not count as observing the failure) and absent otherwise. Shared by
 * every subscriber: treat it as read-only.
 */
export interface OperationSettleMessage {
  readonly operation: AnyOperation;
  readonly id: number;
  readonly kind: OperationKind;
  readonly description: string | undefined;
  readonly status: AsyncStatus;
  readonly error?: unknown;
}
