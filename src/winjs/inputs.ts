// What `toWinJS` accepts: the root's interop input types (loose enough that the objects `@types/winrt-uwp`
// describes, and the projections' promise wrappers, are accepted under `strict` without casts), and the progress
// type read from them (the result type is the root's `ResultOf`).
import type { AsyncOperationLike, ProjectedPromiseLike } from "../interop/input-types.js";

/**
 * Everything `toWinJS` accepts: a WinRT-shaped async object, ours or foreign (`status`, `completed`, `getResults()`
 * and `cancel()`: `AsyncOperationLike`, which the actions satisfy too), or a projection's promise wrapper (a thenable
 * with `cancel()`: `ProjectedPromiseLike`, e.g. `IPromiseWithOperation` of `@types/winrt-uwp`).
 */
export type WinJSOperationInput = AsyncOperationLike<unknown> | ProjectedPromiseLike<unknown>;

/**
 * The progress an input reports: the second parameter of its `progress` handler slot (or of its `operation`'s,
 * for a wrapper); `never` for the kinds without progress.
 */
export type WinJSProgressOf<TOperation> = TOperation extends {
  /** The input's progress handler slot. */
  progress: infer H;
}
  ? H extends (asyncInfo: never, progressInfo: infer P) => void
    ? P
    : never
  : TOperation extends {
        /** A wrapper's operation. */
        operation: {
          /** The operation's progress handler slot. */
          progress: infer H;
        };
      }
    ? H extends (asyncInfo: never, progressInfo: infer P) => void
      ? P
      : never
    : never;
