// The public API of winrt-async/diagnostics (Node): every export is listed here by name.
// Loading this module installs the diagnostics in the core (see diagnostics-engine.ts).
export { trackOperations } from "./track-operations.js";
export { liveOperations } from "./live-operations.js";
export type { OperationSnapshot } from "./diagnostics-engine.js";
export { channelNames } from "./channels.js";
export { onOperationSettle, onOperationStart } from "./subscribe-operations.js";
export type { AsyncStatusName } from "./status-name.js";
export type { OperationSettleMessage, OperationStartMessage } from "./channels.js";
export type { AnyOperation, OperationKind } from "./operation-kind.js";
