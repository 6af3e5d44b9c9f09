import type { AsyncAction } from "../operations/async-action.js";
import type { AsyncActionWithProgress } from "../operations/async-action-with-progress.js";
import type { AsyncOperation } from "../operations/async-operation.js";
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";

/** The name of an operation's class, as its `Symbol.toStringTag` gives it. */
export type OperationKind = "AsyncAction" | "AsyncActionWithProgress" | "AsyncOperation" | "AsyncOperationWithProgress";

/**
 * Any operation made by this library, whatever its type arguments. `any` rather than `unknown`, as in
 * `AnyAsyncInfo`: the handler types take the operation as a parameter, so `AsyncOperation<number>` is not an
 * `AsyncOperation<unknown>`. Nothing is known about the types of an operation the diagnostics hand out.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyOperation =
  | AsyncAction
  | AsyncActionWithProgress<any>
  | AsyncOperation<any>
  | AsyncOperationWithProgress<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */
