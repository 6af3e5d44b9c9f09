// The public API of winrt-async/worker: every export is listed here by name.
export { WorkerPool } from "./worker-pool.js";
export type { WorkerPoolOptions, WorkerPoolSnapshot, WorkerResourceLimits, WorkerRunOptions } from "./worker-pool.js";
export { expose } from "./expose.js";
export { transfer } from "./transfer.js";
export type { TransferItem } from "./transfer.js";
export type { TaskArguments, TaskFunction, TaskInput, TaskMap, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
export { DisconnectedError } from "../errors.js";
