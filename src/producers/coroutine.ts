import { AsyncStatus } from "../status.js";
import { describe } from "../describe.js";
import { awaitInput } from "../interop/await-input.js";
import { type AsyncCore, isOwnOperation } from "../core/async-core.js";
import { type Cancelable, forwardCancel } from "../core/cancel-forwarding.js";
import { Waiting } from "../core/wait.js";
import type { Outcome } from "../core/outcome.js";

// The driver of coroutine bodies (a generator function passed to `run`, DESIGN 4.3). Each `yield x` awaits `x`
// and is a cancellation checkpoint; `cancel()` while suspended cancels `x` (propagation) and unwinds the body
// with `generator.return()` on a microtask. The core knows nothing of generators: the driver uses the same
// internal calls as an async body's promise does (`_settle` through completion, `_fail`, the body-running flag
// that `[Symbol.asyncDispose]` waits on, and one `onCancel` registration).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Core = AsyncCore<any, any, any>;

// %GeneratorPrototype%: every native generator object has it two steps up its prototype chain (its own
// function's `prototype` first). Checking that costs two `getPrototypeOf` calls; reading a property of a fresh
// generator instead (`then`, `next`, `Symbol.toStringTag`) is slow, because each generator function made in a
// loop gives its objects a prototype V8 has never seen. The native `next`/`throw`/`return` are kept and called
// directly for the same reason.
const generatorPrototype = Object.getPrototypeOf(function* () {
  /* only its prototype chain is used */
}.prototype) as Generator<unknown, unknown, unknown>;
type GeneratorMethod = (this: Generator<unknown, unknown, unknown>, value: unknown) => IteratorResult<unknown, unknown>;
const { next: nativeNext, throw: nativeThrow, return: nativeReturn } = generatorPrototype as unknown as Record<
  "next" | "throw" | "return",
  GeneratorMethod
>;

/** True for a native generator object. Cheap enough for every body result that is not a promise. */
export function isNativeGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(Object.getPrototypeOf(value)) === generatorPrototype
  );
}

/** True for a generator object a transpiler made (regenerator and the like carry the `Generator` tag). */
export function isGeneratorLike(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.prototype.toString.call(value) === "[object Generator]" &&
    typeof (value as Generator).next === "function" &&
    typeof (value as Generator).return === "function" &&
    typeof (value as Generator).throw === "function"
  );
}

const NEXT = 0;
const THROW = 1;
const RETURN = 2;

/**
 * Drives `generator` for `op`: synchronously to its first `yield` (hot start), then one step per awaited value.
 * `propagate` says whether `cancel()` cancels the value the body is waiting on.
 */
export function startCoroutine(op: Core, generator: Generator<unknown, unknown, unknown>, propagate: boolean): void {
  new Coroutine(op, generator, propagate).start();
}

class Coroutine {
  private readonly op: Core;
  private readonly generator: Generator<unknown, unknown, unknown>;
  private readonly propagate: boolean;
  /** What the body is suspended on (for propagation), while it is. */
  private awaited: unknown = undefined;
  /** Bumped at every suspension and at cancel: an outcome carrying an older ticket is stale and ignored. */
  private ticket = 0;
  private suspended = false;
  /** `return()` was called: yields are cleanup, awaited without checkpoint. */
  private unwinding = false;
  /** The cancel callback is registered (once, at the first suspension). */
  private registered = false;
  private readonly native: boolean;
  /**
   * One function for both things the driver is called back for, so a coroutine costs one closure: an outcome of
   * what it awaits (`outcome`, `value`, and the ticket of that suspension as token), and, called with no argument
   * from the operation's cancel callbacks, `cancel()`.
   */
  private readonly resume = (outcome?: Outcome, value?: unknown, ticket?: number): void => {
    if (ticket === undefined) {
      this.onCancel();
      return;
    }
    if (ticket !== this.ticket || !this.suspended) return;
    this.suspended = false;
    this.awaited = undefined;
    this.step(outcome === AsyncStatus.completed ? NEXT : THROW, value);
  };

  constructor(op: Core, generator: Generator<unknown, unknown, unknown>, propagate: boolean) {
    this.op = op;
    this.generator = generator;
    this.propagate = propagate;
    this.native = isNativeGenerator(generator);
  }

  start(): void {
    this.op._holdBody();
    this.step(NEXT, undefined);
  }

  private canceled(): boolean {
    return (this.op._state & 3) === AsyncStatus.canceled;
  }

  private step(mode: number, value: unknown): void {
    let result: IteratorResult<unknown, unknown>;
    try {
      const generator = this.generator;
      if (this.native) {
        const method = mode === NEXT ? nativeNext : mode === THROW ? nativeThrow : nativeReturn;
        result = method.call(generator, value);
      } else {
        result = mode === NEXT ? generator.next(value) : mode === THROW ? generator.throw(value) : generator.return(value);
      }
    } catch (error) {
      this.finish(false, error);
      return;
    }
    if (result.done === true) this.finish(true, result.value);
    else this.suspend(result.value);
  }

  private suspend(yielded: unknown): void {
    const waiting = isWaiting(yielded);
    const target = waiting ? yielded._target : yielded;
    const ticket = ++this.ticket;
    if (!this.unwinding && this.canceled()) {
      // A checkpoint: the operation was canceled while the body ran; `target` is not awaited.
      if (this.propagate) forwardCancel(target as Cancelable);
      absorb(target);
      this.scheduleUnwind(this.propagate ? target : undefined);
      return;
    }
    if (!this.registered && !this.unwinding) {
      // Registered once, at the first suspension (a body that never suspends costs nothing). The registration is
      // never disposed: the operation drops its callbacks when it settles.
      this.registered = true;
      this.op._onCancel(this.resume);
    }
    this.suspended = true;
    this.awaited = target;
    let accepted: boolean;
    try {
      accepted = awaitInput(target, this.resume, ticket, waiting ? yielded._read : undefined);
    } catch (error) {
      queueMicrotask(() => this.resume(AsyncStatus.error, error, ticket));
      return;
    }
    if (!accepted) {
      const error = new TypeError(
        `A coroutine body can yield an async operation (ours or WinRT-shaped), a promise wrapper or a promise-like, got ${describe(target)}`,
      );
      queueMicrotask(() => this.resume(AsyncStatus.error, error, ticket));
    }
  }

  /** Inside `cancel()`: the operation is already `canceled`. */
  private onCancel(): void {
    if (!this.suspended || this.unwinding) return; // running: the next `yield` is the checkpoint
    this.suspended = false;
    const target = this.awaited;
    this.awaited = undefined;
    // Our operation keeps nothing of a coroutine that gave up on it (it may live long, as without propagation).
    if (isOwnOperation(target)) target._unsubscribe(this.resume, this.ticket);
    this.ticket++;
    // Through the core's work list: a chain of 100,000 coroutines cancels without growing the stack.
    if (this.propagate) forwardCancel(target as Cancelable);
    this.scheduleUnwind(this.propagate ? target : undefined);
  }

  /**
   * Unwinds on a microtask, never inside `cancel()`: `catch` blocks are skipped, `finally` blocks run. Children
   * first (DESIGN 4.7 #5): when the cancellation was forwarded to another coroutine whose body is still running
   * (unwinding), this body unwinds only once that one has settled, so inner
   * `finally` blocks finish before outer ones run and the outer `[Symbol.asyncDispose]` waits for both. The wait
   * ends on a microtask of its own (`_whenCoroutineSettled`), so 100,000 nested coroutines unwind one link per microtask,
   * never recursively.
   */
  private scheduleUnwind(child: unknown): void {
    queueMicrotask(() => {
      if (isOwnOperation(child) && child._whenCoroutineSettled(() => this.unwind())) return;
      this.unwind();
    });
  }

  private unwind(): void {
    this.unwinding = true;
    this.step(RETURN, undefined);
  }

  private finish(ok: boolean, value: unknown): void {
    const op = this.op;
    // The outcome is fixed at cancel: a value returned while unwinding is dropped, an error thrown then is
    // reported (`_fail` on a terminal operation reports it as a late error).
    // A returned thenable is adopted, never stored as the result (DESIGN 4.7 #1).
    if (ok) op._adopt(value);
    else op._fail(value);
    op._bodySettled();
  }
}

/** `value instanceof Waiting`, which never throws (`instanceof` runs a `Proxy`'s traps; a revoked one throws). */
function isWaiting(value: unknown): value is Waiting<unknown> {
  try {
    return value instanceof Waiting;
  } catch {
    return false;
  }
}

/** A value the body will never see the outcome of: a later rejection must not surface as unhandled. */
function absorb(value: unknown): void {
  try {
    if (value instanceof Promise) value.then(undefined, ignore);
  } catch {
    // Nothing to absorb.
  }
}

function ignore(): void {
  // Nobody waits for this outcome any more.
}

/** Reads and validates `propagateCancellation`; throws `TypeError` for a non-boolean. */
export function readPropagate(options: { readonly propagateCancellation?: unknown } | undefined, caller: string): boolean {
  const value = options?.propagateCancellation;
  if (value === undefined) return true;
  if (typeof value !== "boolean") {
    throw new TypeError(`${caller} options.propagateCancellation must be a boolean, got ${describe(value)}`);
  }
  return value;
}
