import type { Disposable } from "../types.js";
import { engine } from "./diagnostics-engine.js";

/**
 * Turns on the registry of live operations: every operation created from now on is recorded, with its creation
 * time, until it settles; `liveOperations()` lists them and `util.inspect` shows their age. The registry holds
 * operations weakly (strongly only until the end of the event-loop turn that created them): an abandoned
 * operation that never settles is still collected. Calls nest: tracking stays on
 * until every returned `Disposable` is disposed, and then the registry is emptied. Disposing twice does nothing.
 * While no tracking is on, the cost to an operation is a property read and a comparison. Never throws.
 */
export function trackOperations(): Disposable {
  return engine.track();
}
