import { AsyncStatus } from "../status.js";
import { describe } from "../describe.js";
import { readRunOptions } from "../options.js";
import type { RunOptions } from "../types.js";
import type { AsyncCore } from "../core/async-core.js";
import { BodyContext } from "../core/body-context.js";
import { isGeneratorLike, isNativeGenerator, readPropagate, startCoroutine } from "./coroutine.js";
import { readThen, type ThenMethod } from "../core/thenable.js";

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
  let then: ThenMethod | undefined;
  try {
    result = (body as (ctx: BodyContext<unknown>) => unknown)(new BodyContext(op));
    // `instanceof Promise` first: an async body's promise is by far the most common result. A generator
    // function's body has not run yet: the coroutine driver runs it (DESIGN 4.3).
    if (!(result instanceof Promise)) {
      if (isNativeGenerator(result)) {
        startCoroutine(op, result, propagate);
        return op;
      }
      // Read once (DESIGN 4.7 #3); what a `then` getter throws ends the operation in `error`.
      then = readThen(result);
      if (then === undefined) {
        if (isGeneratorLike(result)) startCoroutine(op, result, propagate);
        else if ((op._state & 3) === AsyncStatus.started) op._settle(AsyncStatus.completed, result);
        return op;
      }
    }
  } catch (error) {
    op._fail(error);
    return op;
  }
  op._follow(result as PromiseLike<unknown>, then);
  return op;
}

/** `fromPromise`: follows work that is already running. Throws `TypeError` for a non-thenable. */
export function followPromise<T extends Core>(
  op: T,
  promiseLike: unknown,
  options: RunOptions | undefined,
  producer: string,
): T {
  let then: ThenMethod | undefined;
  try {
    then = readThen(promiseLike);
  } catch {
    then = undefined;
  }
  if (then === undefined) {
    throw new TypeError(`${producer} expects a promise-like (an object with a then method), got ${describe(promiseLike)}`);
  }
  op._link(readOptions(op, options, producer));
  // Followed even when the signal was already aborted: the work is ours to watch now, so a late failure is
  // reported rather than left as an unhandled rejection.
  op._follow(promiseLike as PromiseLike<unknown>, then);
  return op;
}

/**
 * `fromResult`, `fromError`, `canceled`: an operation created terminal, as a body that returned `value` (adopted
 * when it is a thenable: the operation then stays `started` until it settles, DESIGN 4.7 #1) or threw it (a
 * cancellation error gives `canceled`, DESIGN 4.7 #2) would have ended.
 */
export function settled<T extends Core>(op: T, status: AsyncStatus, value: unknown): T {
  if (status === AsyncStatus.canceled) op._cancel(undefined, false);
  else if (status === AsyncStatus.completed) op._adopt(value);
  else op._fail(value);
  return op;
}
