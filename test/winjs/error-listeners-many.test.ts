// WinJSPromise's `error` event keeps its listener rules with many listeners: 20,000 listeners (each also added a
// second time, and half of them also with useCapture) are each called once per event, in registration order;
// removing any of them (from the middle, by capture flag, all) works; a listener added again after its removal goes
// last. Registration and removal take constant time, so this runs in well under the test timeout (it used to take
// quadratic time: 20,000 registrations took 1.8 s on a quiet machine, over 40 s on a loaded one).
import { afterEach, describe, expect, it } from "vitest";
import { WinJSPromise, type WinJSErrorEvent } from "../../src/winjs/index.js";

const COUNT = 20_000;

type Listener = (event: WinJSErrorEvent) => void;

let registered: { listener: Listener; capture: boolean }[] = [];

afterEach(() => {
  for (const { listener, capture } of registered) WinJSPromise.removeEventListener("error", listener, capture);
  registered = [];
});

function add(listener: Listener, capture = false): void {
  WinJSPromise.addEventListener("error", listener, capture);
  registered.push({ listener, capture });
}

describe("WinJSPromise error listeners, 20,000 of them", () => {
  it("each is called once per event, in registration order; removal and re-adding keep the rules", () => {
    const calls: number[] = [];
    const listeners: Listener[] = Array.from({ length: COUNT }, (_, index) => () => {
      calls.push(index);
    });
    for (const listener of listeners) add(listener);
    // Duplicates (same function, same capture flag) are kept once.
    for (const listener of listeners) add(listener);
    WinJSPromise.wrapError(new Error("first"));
    expect(calls).toEqual(listeners.map((_, index) => index));

    // The same function with useCapture is a second registration, after all the others.
    for (let index = 0; index < COUNT; index += 2) add(listeners[index]!, true);
    calls.length = 0;
    WinJSPromise.wrapError(new Error("second"));
    const evens = listeners.map((_, index) => index).filter((index) => index % 2 === 0);
    expect(calls).toEqual([...listeners.map((_, index) => index), ...evens]);

    // Removal by capture flag: the capture registrations go, the others stay.
    for (let index = 0; index < COUNT; index += 2) WinJSPromise.removeEventListener("error", listeners[index]!, true);
    // Removal from the middle: every third listener goes.
    for (let index = 0; index < COUNT; index += 3) WinJSPromise.removeEventListener("error", listeners[index]!);
    calls.length = 0;
    WinJSPromise.wrapError(new Error("third"));
    const kept = listeners.map((_, index) => index).filter((index) => index % 3 !== 0);
    expect(calls).toEqual(kept);

    // Re-added after its removal, a listener goes last.
    add(listeners[0]!);
    calls.length = 0;
    WinJSPromise.wrapError(new Error("fourth"));
    expect(calls).toEqual([...kept, 0]);

    // All removed: no call.
    for (const listener of listeners) WinJSPromise.removeEventListener("error", listener);
    calls.length = 0;
    WinJSPromise.wrapError(new Error("fifth"));
    expect(calls).toEqual([]);
  });

  it("a listener removed during a dispatch among 20,000 still gets that event, one added then does not", () => {
    const calls: number[] = [];
    const late: Listener = () => {
      calls.push(-1);
    };
    const listeners: Listener[] = Array.from({ length: COUNT }, (_, index) => () => {
      calls.push(index);
      if (index === 0) {
        WinJSPromise.removeEventListener("error", listeners[COUNT - 1]!);
        add(late);
      }
    });
    for (const listener of listeners) add(listener);
    WinJSPromise.wrapError(new Error("first"));
    expect(calls).toEqual(listeners.map((_, index) => index));
    calls.length = 0;
    WinJSPromise.wrapError(new Error("second"));
    expect(calls).toEqual([...listeners.slice(0, COUNT - 1).map((_, index) => index), -1]);
  });
});
