// How the HTTP client waits between attempts: after a dropped event stream (bounded by `limit`) and between the
// attempts of a cancel's DELETE (unbounded, until acknowledged or the client closes). One doubling delay for
// both, capped, so a server that comes back is found quickly and a server that stays away is not hammered.
import { describe } from "../describe.js";

/** `OperationClientOptions.reconnect`: how a dropped event stream is resumed. */
export interface ReconnectOptions {
  /** Attempts after a dropped stream before the operation ends `DisconnectedError` (reset by every event received). Default 5; 0 = never reconnect. */
  readonly limit?: number | undefined;
  /** The delay (ms) before the first attempt; each further attempt doubles it. Default 250. */
  readonly delayMs?: number | undefined;
  /** The cap (ms) of the doubling delay. Default 5000. */
  readonly maxDelayMs?: number | undefined;
}

/** The validated `ReconnectOptions`, defaults applied. */
export interface ReconnectPolicy {
  readonly limit: number;
  readonly delayMs: number;
  readonly maxDelayMs: number;
}

/** Reads `reconnect` (undefined or an object); throws `TypeError`/`RangeError` naming the bad field. */
export function readReconnect(reconnect: ReconnectOptions | undefined): ReconnectPolicy {
  if (reconnect === undefined) return { limit: 5, delayMs: 250, maxDelayMs: 5000 };
  if (typeof reconnect !== "object" || reconnect === null) {
    throw new TypeError(`OperationClient options.reconnect must be an object, got ${describe(reconnect)}`);
  }
  const limit = count(reconnect.limit, 5, "limit");
  const delayMs = count(reconnect.delayMs, 250, "delayMs");
  const maxDelayMs = count(reconnect.maxDelayMs, Math.max(5000, delayMs), "maxDelayMs");
  if (maxDelayMs < delayMs) {
    throw new RangeError(`OperationClient options.reconnect.maxDelayMs (${maxDelayMs}) must be >= delayMs (${delayMs})`);
  }
  return { limit, delayMs, maxDelayMs };
}

function count(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new TypeError(`OperationClient options.reconnect.${name} must be a number, got ${describe(value)}`);
  }
  if (!(value >= 0) || (value !== Infinity && !Number.isInteger(value))) {
    throw new RangeError(`OperationClient options.reconnect.${name} must be an integer >= 0 (or Infinity), got ${describe(value)}`);
  }
  return value;
}

/** The delay before attempt `attempt` (1 for the first): `delayMs` doubled per attempt, capped at `maxDelayMs`. */
export function backoffDelay(policy: ReconnectPolicy, attempt: number): number {
  // 2 ** 40 already exceeds any sensible cap; bounding the exponent keeps the product finite.
  return Math.min(policy.maxDelayMs, policy.delayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
}

/**
 * Resolves after `ms`, or at once when `signal` aborts (never rejects): the waits of the client end with it,
 * leaving no timer behind.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
