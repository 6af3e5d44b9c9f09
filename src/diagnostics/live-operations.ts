import { engine, type OperationSnapshot } from "./diagnostics-engine.js";

/**
 * Snapshots of the operations that are running now (status `started`) and were created while
 * `trackOperations()` was on, oldest first. Empty while tracking is off: operations created before tracking
 * began are not known. Each snapshot is a frozen plain object: it does not keep its operation alive. Never throws.
 */
export function liveOperations(): OperationSnapshot[] {
  return engine.live();
}
