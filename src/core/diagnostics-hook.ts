import type { AsyncStatus } from "../status.js";
import type { AsyncCore } from "./async-core.js";

// The hook serves all four kinds.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

/**
 * What `winrt-async/diagnostics` installs to hear about operations. The core calls `created` from the maker of
 * every operation (before any producer touches it) and `settled` from `_settle`, the one place a status changes.
 * Neither may throw.
 */
export interface DiagnosticsHook {
  /** A new operation: id and status are set, the producer has not yet read its options or run its body. */
  created(operation: Core): void;
  /** The operation just became terminal with `status`; `value` is its result, failure value or cause. */
  settled(operation: Core, status: AsyncStatus, value: unknown): void;
  /** Milliseconds since the operation was created, when that time was recorded (while tracking). */
  ageOf(operation: Core): number | undefined;
}

// One slot per realm, in the global symbol registry: the ESM and the CommonJS copy of the package then report to
// the same diagnostics. While nothing is installed, the whole cost to the core is one property read and one
// comparison at creation and at settling (measured by bench/diagnostics.bench.mjs).
const key = Symbol.for("winrt-async.diagnostics");

/** `diagnostics.hook` is the installed hook, or `undefined` while diagnostics are not loaded. */
export const diagnostics: { hook: DiagnosticsHook | undefined } = ((globalThis as Record<
  symbol,
  { hook: DiagnosticsHook | undefined } | undefined
>)[key] ??= { hook: undefined });
