// The event registry behind `WinJSPromise.addEventListener`/`removeEventListener`/`onerror`, with the rules of
// WinJS's event mixin that code written against it sees: a listener registered twice (same function, same
// capture flag) is kept once; a dispatch calls the listeners registered when it began, even one removed
// meanwhile; `stopImmediatePropagation()` ends the dispatch. A throwing listener is reported the way the core
// reports a throwing handler and the other listeners still run (WinJS let the throw escape into the promise
// machinery that happened to dispatch).
import { describe } from "../describe.js";
import { reportListenerError } from "../report.js";

/** The event object a `WinJSPromise` event listener receives (the shape of WinJS's event mixin events). */
export interface WinJSEvent<TDetail> {
  /** The event type ("error"). */
  readonly type: string;
  /** What happened; for "error", a `WinJSErrorDetail`. */
  readonly detail: TDetail;
  /** The object that dispatched the event (`WinJSPromise`). */
  readonly target: unknown;
  /** Same as `target`. */
  readonly currentTarget: unknown;
  /** `Date.now()` when the event was made. */
  readonly timeStamp: number;
  /** Always false: the event does not bubble. */
  readonly bubbles: boolean;
  /** Always false. */
  readonly cancelable: boolean;
  /** True once a listener called `preventDefault()`. */
  readonly defaultPrevented: boolean;
  /** Marks the event; has no other effect. Never throws. */
  preventDefault(): void;
  /** Listeners after the current one are not called for this event. Never throws. */
  stopImmediatePropagation(): void;
  /** Does nothing (nothing bubbles); kept for WinJS compatibility. Never throws. */
  stopPropagation(): void;
}

/** A listener of `WinJSPromise` events. */
export type WinJSEventListener<TDetail> = (event: WinJSEvent<TDetail>) => void;

class MixinEvent<TDetail> implements WinJSEvent<TDetail> {
  readonly bubbles = false;
  readonly cancelable = false;
  readonly timeStamp = Date.now();
  defaultPrevented = false;
  stopped = false;

  constructor(
    readonly type: string,
    readonly detail: TDetail,
    readonly target: unknown,
  ) {}

  get currentTarget(): unknown {
    return this.target;
  }

  preventDefault(): void {
    this.defaultPrevented = true;
  }

  stopImmediatePropagation(): void {
    this.stopped = true;
  }

  stopPropagation(): void {
    /* nothing bubbles */
  }
}

interface Registration {
  readonly listener: (event: never) => void;
  readonly useCapture: boolean;
}

/**
 * The registrations of one event type. `order` keeps registration order (a `Set` iterates in insertion order and
 * deletes in constant time); `byListener` finds a function's registrations (one per capture flag) in constant time,
 * so adding and removing do not scan (they used to copy and scan an array: 20,000 registrations took quadratic time).
 */
interface TypeRegistrations {
  readonly order: Set<Registration>;
  readonly byListener: Map<(event: never) => void, { bubble?: Registration | undefined; capture?: Registration | undefined }>;
}

/** Listeners by event type, plus the `on<type>` handler properties. */
export class EventListeners {
  readonly #byType = new Map<string, TypeRegistrations>();
  readonly #handlers = new Map<string, { handler: (event: never) => void; readonly wrapper: (event: never) => void }>();

  constructor(
    private readonly owner: string,
    private readonly target: unknown,
  ) {}

  /** True while at least one listener of `type` is registered (WinJS makes error bookkeeping only then). */
  has(type: string): boolean {
    return this.#byType.has(type);
  }

  add(type: unknown, listener: unknown, useCapture: unknown): void {
    const name = this.#checkType(type, "addEventListener");
    const fn = this.#checkListener(listener, "addEventListener");
    const capture = Boolean(useCapture);
    let registrations = this.#byType.get(name);
    if (registrations === undefined) {
      registrations = { order: new Set(), byListener: new Map() };
      this.#byType.set(name, registrations);
    }
    let slots = registrations.byListener.get(fn);
    if (slots === undefined) {
      slots = {};
      registrations.byListener.set(fn, slots);
    }
    if ((capture ? slots.capture : slots.bubble) !== undefined) return;
    const registration: Registration = { listener: fn, useCapture: capture };
    if (capture) slots.capture = registration;
    else slots.bubble = registration;
    registrations.order.add(registration);
  }

  remove(type: unknown, listener: unknown, useCapture: unknown): void {
    const name = this.#checkType(type, "removeEventListener");
    const capture = Boolean(useCapture);
    const registrations = this.#byType.get(name);
    if (registrations === undefined) return;
    const slots = registrations.byListener.get(listener as (event: never) => void);
    const registration = capture ? slots?.capture : slots?.bubble;
    if (slots === undefined || registration === undefined) return;
    if (capture) slots.capture = undefined;
    else slots.bubble = undefined;
    if (slots.capture === undefined && slots.bubble === undefined) registrations.byListener.delete(registration.listener);
    registrations.order.delete(registration);
    if (registrations.order.size === 0) this.#byType.delete(name);
  }

  /** Calls every listener of `type` registered now with one event object. Never throws. */
  dispatch<TDetail>(type: string, detail: TDetail): void {
    const registrations = this.#byType.get(type);
    if (registrations === undefined) return;
    // The registrations of now: one removed during the dispatch is still called, one added is not.
    const list = [...registrations.order];
    const event = new MixinEvent(type, detail, this.target);
    for (const entry of list) {
      if (event.stopped) break;
      try {
        (entry.listener as (event: WinJSEvent<TDetail>) => void)(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** The `on<type>` property's getter: the handler set, or `undefined`. */
  getHandler(type: string): ((event: never) => void) | undefined {
    return this.#handlers.get(type)?.handler;
  }

  /**
   * The `on<type>` property's setter: a function replaces the handler (keeping its place among the listeners);
   * `null` or `undefined` removes it. Throws `TypeError` for anything else.
   */
  setHandler(type: string, handler: unknown): void {
    const current = this.#handlers.get(type);
    if (handler === null || handler === undefined) {
      if (current === undefined) return;
      this.#handlers.delete(type);
      this.remove(type, current.wrapper, false);
      return;
    }
    const fn = this.#checkListener(handler, `on${type}`);
    if (current !== undefined) {
      current.handler = fn;
      return;
    }
    const state = {
      handler: fn,
      wrapper: (event: never): void => {
        state.handler(event);
      },
    };
    this.#handlers.set(type, state);
    this.add(type, state.wrapper, false);
  }

  #checkType(type: unknown, method: string): string {
    if (typeof type !== "string") {
      throw new TypeError(`${this.owner}.${method} expects an event type string, got ${describe(type)}`);
    }
    return type;
  }

  #checkListener(listener: unknown, method: string): (event: never) => void {
    if (typeof listener !== "function") {
      throw new TypeError(`${this.owner}.${method} expects a function, got ${describe(listener)}`);
    }
    return listener as (event: never) => void;
  }
}
