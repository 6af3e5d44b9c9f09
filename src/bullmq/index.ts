// The public API of winrt-async/bullmq (DESIGN 4.2): operations that run on other machines over BullMQ and Redis.
// Importing it without the optional peer dependencies `bullmq` and `ioredis` throws an error naming them.
export { JobClient } from "./job-client.js";
export type { JobClientOptions, JobOperation, JobRunOptions } from "./job-client.js";
export { serve } from "./serve.js";
export type { JobPool, JobServer, JobServerEvent, ServeOptions } from "./serve.js";
export type { TaskArguments, TaskFunction, TaskInput, TaskMap, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
export { DisconnectedError } from "../errors.js";
