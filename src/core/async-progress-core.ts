import { AsyncCore } from "./async-core.js";
import type { Disposable } from "../types.js";

/** The engine plus the progress members shared by the two progress kinds. */
export abstract class AsyncProgressCore<TResult, TProgress, TInfo> extends AsyncCore<TResult, TProgress, TInfo> {
  /**
   * WinRT's progress handler, called with TWO arguments: `(sender, progress)`. To receive the value alone, use
   * {@link onProgress | `onProgress(listener)`}, which also allows any number of listeners.
   *
   * Beware: `op.progress = (percent) => ...` compiles (TypeScript accepts a handler with fewer parameters), but
   * `percent` is then the operation (the sender), not the value; write `(_sender, percent) => ...`.
   *
   * Called synchronously on every report while `started`. May be replaced or cleared (`null`) any number of
   * times. A value that is neither a function nor `null` throws `TypeError`. Throws `IllegalMethodCallError`
   * after `close()`.
   */
  get progress(): ((asyncInfo: TInfo, progressInfo: TProgress) => void) | null {
    return this._getProgress() as ((asyncInfo: TInfo, progressInfo: TProgress) => void) | null;
  }

  set progress(handler: ((asyncInfo: TInfo, progressInfo: TProgress) => void) | null) {
    this._setProgress(handler);
  }

  /**
   * Adds a listener that receives every progress value reported while the operation is `started`, after the
   * `progress` handler, in the order listeners were added. Does not consume `progress`. On a terminal
   * operation nothing is registered. The returned `Disposable` removes the listener. Throws `TypeError` for a
   * non-function and `IllegalMethodCallError` after `close()`.
   */
  onProgress(listener: (progress: TProgress) => void): Disposable {
    return this._addProgressListener(listener);
  }
}
