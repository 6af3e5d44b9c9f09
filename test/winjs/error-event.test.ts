// The static `error` event and its bookkeeping: fired synchronously when an error enters a promise, passes to a then()
// without an error handler, or is about to be handled; detail with exception/error, promise, id, parent, handler;
// never for "Canceled"; the event mixin's listener rules (duplicates kept once, removal during a dispatch, onerror).
import { afterEach, describe, expect, it, vi } from "vitest";
import { WinJSPromise, type WinJSErrorDetail, type WinJSErrorEvent } from "../../src/winjs/index.js";
import { captureListenerErrors, settle } from "../helpers/fixtures.js";
import { deferred, WorkQueue } from "../helpers/work-queue.js";

const added: Array<(event: WinJSErrorEvent) => void> = [];

/** Adds an `error` listener that records each detail; removed after the test. */
function listen(): WinJSErrorDetail[] {
  const details: WinJSErrorDetail[] = [];
  const listener = (event: WinJSErrorEvent): void => {
    details.push(event.detail);
  };
  WinJSPromise.addEventListener("error", listener);
  added.push(listener);
  return details;
}

afterEach(() => {
  vi.useRealTimers();
  for (const listener of added.splice(0)) WinJSPromise.removeEventListener("error", listener);
  WinJSPromise.onerror = undefined;
});

describe("WinJSPromise's error event", () => {
  it("fires synchronously for error(): detail.error set, no exception, no parent, no handler, an id", () => {
    const details = listen();
    const promise = new WinJSPromise<void>((_c, e) => e("This is an error"));
    expect(details).toHaveLength(1);
    const [detail] = details;
    expect(detail!.error).toBe("This is an error");
    expect(detail!.exception).toBeNull();
    expect(detail!.promise).toBe(promise);
    expect(detail!.parent).toBeUndefined();
    expect(detail!.handler).toBeUndefined();
    expect(typeof detail!.id).toBe("number");
  });

  it("fires for a thrown initializer with detail.exception set to the very value, whatever it is", () => {
    const details = listen();
    const values: unknown[] = [undefined, null, 1, { x: 10 }, "text"];
    for (const value of values) {
      new WinJSPromise(() => {
        throw value;
      });
    }
    expect(details.map((detail) => detail.exception)).toEqual(values);
    expect(details[3]!.exception).toBe(values[3]);
    expect(details.every((detail) => detail.error === null)).toBe(true);
  });

  it("fires for wrapError at creation and for a pending promise when it fails, not before", () => {
    const details = listen();
    const queue = new WorkQueue();
    WinJSPromise.wrapError(1);
    expect(details).toHaveLength(1);
    const pending = new WinJSPromise<number>((_c, e) => {
      queue.schedule(() => e(1));
    });
    expect(details).toHaveLength(1);
    queue.drain();
    expect(details).toHaveLength(2);
    let recovered: unknown;
    pending.then(null, () => 7).then((value) => (recovered = value));
    expect(recovered).toBe(7);
    expect(details).toHaveLength(3);
    expect(details[2]!.parent).toBe(pending);
  });

  it("tells that a handler is about to handle an error: parent, handler and the same id", () => {
    const details = listen();
    const handler = (): void => undefined;
    const failing = new WinJSPromise<void>(() => {
      throw "exception inside function";
    });
    failing.then(() => undefined, handler);
    expect(details).toHaveLength(2);
    const [entered, handled] = details;
    expect(entered!.parent).toBeUndefined();
    expect(entered!.handler).toBeUndefined();
    expect(handled!.parent).toBe(failing);
    expect(handled!.handler).toBe(handler);
    expect(handled!.exception).toBe("exception inside function");
    expect(handled!.error).toBeNull();
    expect(handled!.id).toBe(entered!.id);
  });

  it("follows one error along a chain: each event's parent is the previous event's promise, one id throughout", () => {
    const details = listen();
    const source = deferred<void>();
    source.promise
      .then(() => undefined)
      .then(() => undefined)
      .then(null, () => undefined);
    source.fail("broken");
    expect(details).toHaveLength(4);
    expect(details[0]!.parent).toBeUndefined();
    for (let i = 1; i < details.length; i++) expect(details[i]!.parent).toBe(details[i - 1]!.promise);
    expect(new Set(details.map((detail) => detail.id)).size).toBe(1);
    expect(details[3]!.handler).toBeDefined();
    expect(details.every((detail) => detail.error === "broken")).toBe(true);
  });

  it("a then() without an error handler on a settled failed promise makes no event (it returns that promise)", () => {
    const details = listen();
    const failing = new WinJSPromise<void>(() => {
      throw "Error initializing";
    });
    failing
      .then(() => undefined)
      .then(() => undefined)
      .then(null, (e: unknown) => {
        throw e;
      });
    expect(details).toHaveLength(2);
  });

  it("a handler that throws starts a new error: a new id", () => {
    const details = listen();
    let hit = 0;
    const source = new WinJSPromise<void>(() => {
      throw "Error initializing";
    });
    source
      .then(
        () => hit++,
        () => {
          throw "again";
        },
      )
      .then(null, () => undefined);
    expect(hit).toBe(0);
    expect(details.map((detail) => [detail.exception, detail.handler !== undefined])).toEqual([
      ["Error initializing", false],
      ["Error initializing", true],
      ["again", false],
      ["again", true],
    ]);
    expect(details[2]!.id).not.toBe(details[0]!.id);
    expect(details[3]!.id).toBe(details[2]!.id);
  });

  it("gives errors of unrelated promises different ids", () => {
    const details = listen();
    new WinJSPromise<void>(() => {
      throw "first";
    }).then(null, () => undefined);
    new WinJSPromise<void>((_c, e) => e("second"));
    const roots = details.filter((detail) => detail.parent === undefined);
    expect(roots).toHaveLength(2);
    expect(roots[0]!.id).not.toBe(roots[1]!.id);
  });

  it("rethrowing the same value in each error handler keeps reporting it", () => {
    const details = listen();
    new WinJSPromise<void>(() => {
      throw "Error initializing";
    })
      .then(null, (e: unknown) => {
        throw e;
      })
      .then(null, (e: unknown) => {
        throw e;
      })
      .then(null, (e: unknown) => {
        throw e;
      });
    expect(details).toHaveLength(4);
    expect(details.every((detail) => detail.exception === "Error initializing")).toBe(true);
  });

  it("never fires for WinJS's Canceled error", () => {
    const details = listen();
    const queue = new WorkQueue();
    const promise = new WinJSPromise<void>((_c, e) => {
      queue.schedule(() => e(1));
    });
    let canceled = 0;
    promise.then(null, (error: Error) => {
      if (error.name === "Canceled") canceled++;
    });
    promise.cancel();
    queue.drain();
    expect(canceled).toBe(1);
    expect(details).toEqual([]);
  });

  it("makes an interop boundary at a foreign thenable: handled there, then a new error with a new id", async () => {
    const details = listen();
    const failure = new Error("native");
    const native = Promise.reject(failure);
    const follower = WinJSPromise.wrap(native);
    follower.then(null, () => undefined);
    await settle();
    expect(details.map((detail) => [detail.parent === native, detail.handler !== undefined, detail.parent === follower])).toEqual([
      [true, true, false],
      [false, false, false],
      [false, true, true],
    ]);
    expect(details[0]!.id).toBeUndefined();
    expect(details[1]!.promise).toBe(follower);
    expect(details[2]!.id).toBe(details[1]!.id);
  });

  it("gives every listener of one dispatch the same event and detail", () => {
    const seen: WinJSErrorEvent[][] = [[], [], []];
    const listeners = seen.map((list) => (event: WinJSErrorEvent) => {
      list.push(event);
    });
    for (const listener of listeners) {
      WinJSPromise.addEventListener("error", listener);
      added.push(listener);
    }
    const promise = new WinJSPromise<void>(() => {
      throw "Error initializing";
    });
    promise.then(null, () => undefined);
    expect(seen.map((list) => list.length)).toEqual([2, 2, 2]);
    expect(seen[1]![0]).toBe(seen[0]![0]);
    expect(seen[2]![1]!.detail).toBe(seen[0]![1]!.detail);
    const event = seen[0]![0]!;
    expect(event.type).toBe("error");
    expect(event.target).toBe(WinJSPromise);
  });

  it("keeps a listener added twice once", () => {
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    WinJSPromise.addEventListener("error", listener);
    WinJSPromise.addEventListener("error", listener);
    added.push(listener);
    WinJSPromise.wrapError(1);
    expect(calls).toBe(1);
  });

  it("a listener removed during a dispatch still gets that event, and no later one", () => {
    const calls: string[] = [];
    const third = (): void => {
      calls.push("third");
    };
    const first = (): void => {
      calls.push("first");
    };
    const second = (): void => {
      calls.push("second");
      WinJSPromise.removeEventListener("error", third);
    };
    for (const listener of [first, second, third]) {
      WinJSPromise.addEventListener("error", listener);
      added.push(listener);
    }
    WinJSPromise.wrapError(1);
    WinJSPromise.wrapError(2);
    expect(calls).toEqual(["first", "second", "third", "first", "second"]);
  });

  it("removing the listener inside a chain stops the events from there on", () => {
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    WinJSPromise.addEventListener("error", listener);
    added.push(listener);
    new WinJSPromise<void>(() => {
      throw "Error initializing";
    })
      .then(null, (e: unknown) => {
        throw e;
      })
      .then(null, (e: unknown) => {
        WinJSPromise.removeEventListener("error", listener);
        throw e;
      })
      .then(null, (e: unknown) => {
        throw e;
      });
    expect(calls).toBe(3);
  });

  it("onerror registers one handler, replaces it in place, and null or undefined removes it", () => {
    const calls: string[] = [];
    const a = (): void => {
      calls.push("a");
    };
    const b = (): void => {
      calls.push("b");
    };
    expect(WinJSPromise.onerror).toBeUndefined();
    WinJSPromise.onerror = a;
    expect(WinJSPromise.onerror).toBe(a);
    WinJSPromise.wrapError(1);
    WinJSPromise.onerror = b;
    WinJSPromise.wrapError(1);
    WinJSPromise.onerror = null;
    expect(WinJSPromise.onerror).toBeUndefined();
    WinJSPromise.wrapError(1);
    expect(calls).toEqual(["a", "b"]);
  });

  it("setting onerror to undefined in a chain stops the events from there on", () => {
    let calls = 0;
    WinJSPromise.onerror = () => {
      calls++;
    };
    new WinJSPromise<void>(() => {
      throw "Error initializing";
    })
      .then(() => undefined)
      .then(
        () => undefined,
        (e: unknown) => {
          WinJSPromise.onerror = undefined;
          throw e;
        },
      )
      .then(null, () => undefined);
    expect(calls).toBe(2);
  });

  it("stopImmediatePropagation ends the dispatch", () => {
    const calls: string[] = [];
    const stopper = (event: WinJSErrorEvent): void => {
      calls.push("stopper");
      event.stopImmediatePropagation();
    };
    const after = (): void => {
      calls.push("after");
    };
    for (const listener of [stopper, after]) {
      WinJSPromise.addEventListener("error", listener);
      added.push(listener);
    }
    WinJSPromise.wrapError(1);
    expect(calls).toEqual(["stopper"]);
  });

  it("a throwing listener is reported; the other listeners and the promise are unaffected", () => {
    const reported = captureListenerErrors();
    const thrown = new Error("listener");
    const thrower = (): void => {
      throw thrown;
    };
    WinJSPromise.addEventListener("error", thrower);
    added.push(thrower);
    const details = listen();
    const errors: unknown[] = [];
    WinJSPromise.wrapError("x").then(null, (error: unknown) => errors.push(error));
    expect(errors).toEqual(["x"]);
    expect(details).toHaveLength(2);
    expect(reported).toEqual([thrown, thrown]);
  });

  it("supports the unhandled-error policy WinJS apps built on it (handled errors are forgotten, the rest reported after a turn)", () => {
    vi.useFakeTimers({ toFake: ["setImmediate", "clearImmediate"] });
    const unhandled = new Map<number, WinJSErrorDetail>();
    const reportedLater: unknown[] = [];
    WinJSPromise.onerror = (event) => {
      const { detail } = event;
      if (detail.parent === undefined) {
        unhandled.set(detail.id!, detail);
        WinJSPromise.timeout().then(() => {
          const entry = unhandled.get(detail.id!);
          if (entry !== undefined) {
            reportedLater.push(entry.error);
            unhandled.delete(detail.id!);
          }
        });
      } else if (detail.handler !== undefined) {
        unhandled.delete(detail.id!);
      }
    };
    const handledLater = new WinJSPromise<void>((_c, e) => e("handled"));
    handledLater.then(null, () => 1);
    const neverHandled = new WinJSPromise<void>((_c, e) => e("unhandled"));
    neverHandled.then(() => undefined).then(() => undefined);
    expect([...unhandled.keys()]).toHaveLength(1);
    expect(reportedLater).toEqual([]);
    vi.runAllTimers();
    expect(reportedLater).toEqual(["unhandled"]);
    expect(unhandled.size).toBe(0);
  });

  it("misuse throws TypeError", () => {
    expect(() => WinJSPromise.addEventListener("error", 5 as never)).toThrow(TypeError);
    expect(() => WinJSPromise.addEventListener(5 as never, () => undefined)).toThrow(TypeError);
    expect(() => {
      WinJSPromise.onerror = "x" as never;
    }).toThrow(TypeError);
  });
});
