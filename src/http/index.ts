// The public API of winrt-async/http (DESIGN 4.6): operations that run on a server, held over HTTP by browsers and
// other services. Every export is listed here by name.
export { operationsHandler } from "./operations-handler.js";
export type { OperationAction, OperationsHandler, OperationsHandlerOptions } from "./operations-handler.js";
export type { JobRunner, PoolRunner } from "./runner.js";
export {
  EVENT,
  EVENT_STREAM,
  HEADER,
  HTTP_STATUS,
  JSON_MEDIA_TYPE,
  OPERATION_ID_PATTERN,
  hresultOfHttpStatus,
} from "./protocol.js";
export type {
  CreatedBody,
  ErrorBody,
  ErrorEnvelope,
  JsonValue,
  OperationEventName,
  SnapshotBody,
  OperationStatusName,
  RunRequestBody,
  StartedEventData,
} from "./protocol.js";
export type { TaskArguments, TaskFunction, TaskInput, TaskMap, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
export { DisconnectedError } from "../errors.js";
export { OperationClient } from "./operation-client.js";
export type { HeaderValues, HttpOperation, HttpRunOptions, OperationClientOptions } from "./operation-client.js";
export type { ReconnectOptions } from "./reconnect-policy.js";
