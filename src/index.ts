// The public API of winrt-async: every export is listed here by name.
export { AsyncStatus } from "./status.js";
export { HResult } from "./hresult.js";
export type { HResultName } from "./hresult.js";
export {
  AsyncError,
  CanceledError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  IllegalDelegateAssignmentError,
  TimeoutError,
  hresultOf,
  isCanceledError,
} from "./errors.js";
export type { AsyncErrorOptions } from "./errors.js";
export type {
  AnyAsyncInfo,
  AsyncActionCompletedHandler,
  AsyncActionProgressHandler,
  AsyncActionWithProgressCompletedHandler,
  AsyncContext,
  AsyncOperationCompletedHandler,
  AsyncOperationProgressHandler,
  AsyncOperationWithProgressCompletedHandler,
  AsyncProgressContext,
  Disposable,
  IAsyncAction,
  IAsyncActionWithProgress,
  IAsyncInfo,
  IAsyncOperation,
  IAsyncOperationWithProgress,
  RunOptions,
} from "./types.js";
export { AsyncAction } from "./operations/async-action.js";
export { AsyncActionWithProgress } from "./operations/async-action-with-progress.js";
export { AsyncOperation } from "./operations/async-operation.js";
export { AsyncOperationWithProgress } from "./operations/async-operation-with-progress.js";
export { toPromise } from "./interop/to-promise.js";
export type { ToPromiseOptions } from "./interop/to-promise.js";
export { progressUpdates } from "./interop/progress-updates.js";
export type { ProgressUpdatesOptions } from "./interop/progress-updates.js";
export { onUnobservedError } from "./report.js";
export type { UnobservedErrorListener } from "./report.js";
// Combinators
export { whenAll } from "./combinators/when-all.js";
export type { WhenAllOptions, WhenAllProgress, WhenAllResults, WhenAllSlot } from "./combinators/when-all.js";
export { whenAny } from "./combinators/when-any.js";
export type { WhenAnyOptions } from "./combinators/when-any.js";
export { withTimeout } from "./combinators/with-timeout.js";
export type { WithTimeoutOptions } from "./combinators/with-timeout.js";
export { delay } from "./combinators/delay.js";
export type { DelayOptions } from "./combinators/delay.js";
export type { AsyncInput, CombinatorOptions, ResultOf } from "./combinators/inputs.js";
// Coroutines and interop inputs (issue 11)
export { wait, Waiting } from "./interop/wait.js";
export type {
  AsyncActionLike,
  AsyncActionWithProgressLike,
  AsyncOperationLike,
  AsyncOperationWithProgressLike,
  ProjectedPromiseLike,
} from "./interop/input-types.js";
