import { AsyncStatus } from "../status.js";
import { describe } from "../describe.js";
import { readRunOptions } from "../options.js";
import type { RunOptions } from "../types.js";
import type { AsyncCore } from "../core/async-core.js";
import { BodyContext } from "../core/body-context.js";
import { isGeneratorLike, isNativeGenerator, readPropagate, startCoroutine } from "./coroutine.js";

// The helpers serve all four kinds; the facades restore the precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

/** Validates `options` of `run`/`fromPromise`, records the description; returns the signal. Throws `TypeError`. */
function readOptions(op: Core, options: RunOptions | undefined, producer: string): AbortSignal | undefined {
  const checked = readRunOptions(options, producer);
  if (checked === undefined) return undefined;
  if (checked.description !== undefined) op._rare().description = checked.description;
  return checked.signal;
}

/** True for anything `await` would treat as a promise. Reading `then` may throw; the caller handles that. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

/**
 * Hot start: calls `body` synchronously with a fresh context and returns `op`, already terminal if the body
 * finished without awaiting. A synchronous throw ends `op` in `error` (or `canceled`) instead of escaping.
 * Throws `TypeError` only for a `body` that is not a function or for malformed options.
 */
export function runBody<T extends Core>(op: T, body: unknown, options: RunOptions | undefined, producer: string): T {
  if (typeof body !== "function") {
    throw new TypeError(`${producer} expects a function as body, got ${describe(body)}`);
  }
  const propagate = options === undefined || readPropagate(options, producer);
  if (options !== undefined && !op._link(readOptions(op, options, producer))) return op;
  let result: unknown;
  try {
    result = (body as (ctx: BodyContext<unknown>) => unknown)(new BodyContext(op));
    // `instanceof Promise` first: an async body's promise is by far the most common result. A generator
    // function's body has not run yet: the coroutine driver runs it (DESIGN 4.3).
    if (!(result instanceof Promise)) {
      if (isNativeGenerator(result)) {
        startCoroutine(op, result, propagate);
        return op;
      }
      if (!isThenable(result)) {
        if (isGeneratorLike(result)) startCoroutine(op, result, propagate);
        else if ((op._state & 3) === AsyncStatus.started) op._settle(AsyncStatus.completed, result);
        return op;
      }
    }
  } catch (error) {
    op._fail(error);
    return op;
  }
  op._follow(result);
  return op;
}

/** `fromPromise`: follows work that is already running. Throws `TypeError` for a non-thenable. */
export function followPromise<T extends Core>(
  op: T,
  promiseLike: unknown,
  options: RunOptions | undefined,
  producer: string,
): T {
  let thenable: boolean;
  try {
    thenable = isThenable(promiseLike);
  } catch {
    thenable = false;
  }
  if (!thenable) {
    throw new TypeError(`${producer} expects a promise-like (an object with a then method), got ${describe(promiseLike)}`);
  }
  op._link(readOptions(op, options, producer));
  // Followed even when the signal was already aborted: the work is ours to watch now, so a late failure is
  // reported rather than left as an unhandled rejection.
  op._follow(promiseLike as PromiseLike<unknown>);
  return op;
}

/** `fromResult`, `fromError`, `canceled`: an operation created terminal. */
export function settled<T extends Core>(op: T, status: AsyncStatus, value: unknown): T {
  if (status === AsyncStatus.canceled) op._cancel(undefined, false);
  else op._settle(status, value);
  return op;
}
