import type { AsyncAction } from "../operations/async-action.js";
import type { AsyncActionWithProgress } from "../operations/async-action-with-progress.js";
import type { AsyncOperation } from "../operations/async-operation.js";
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";

/** The name of an operation's class, as its `Symbol.toStringTag` gives it. */
export type OperationKind = "AsyncAction" | "AsyncActionWithProgress" | "AsyncOperation" | "AsyncOperationWithProgress";

/**
 * Any operation made by this library, whatever its type arguments (`unknown` results and progress: what the
 * diagnostics hand out was made elsewhere, so nothing is known about its types).
 */
export type AnyOperation =
  | AsyncAction
  | AsyncActionWithProgress<unknown>
  | AsyncOperation<unknown>
  | AsyncOperationWithProgress<unknown, unknown>;
