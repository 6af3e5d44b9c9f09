// Deep WinJS structures never recurse: a chain of promises each following the next, nested join/any, the classic
// `loop = () => step().then(loop)` canceled after many steps, and progress through long or cyclic follower chains
// all propagate at 100,000 levels, synchronously as WinJS delivers, with nothing reported (a stack overflow used to
// stop them silently at about 1,000 levels, or surface as a reported RangeError).
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { deferred, isWinJSCanceled, WorkQueue } from "../helpers/work-queue.js";

const DEPTH = 100_000;

/** `new WinJSPromise((c) => c(previous))`, `depth` times over `base`: the last one follows all the others. */
function followerChain(base: WinJSPromise<number>, depth: number): WinJSPromise<number> {
  let tail = base;
  for (let i = 0; i < depth; i++) {
    const previous = tail;
    tail = new WinJSPromise<number>((complete) => complete(previous));
  }
  return tail;
}

describe("deep WinJS structures", () => {
  it("a chain of 100,000 constructor promises each following the previous one completes, inside complete()", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    const tail = followerChain(base.promise, DEPTH);
    const seen: unknown[] = [];
    tail.then(
      (value) => seen.push(["complete", value]),
      (error: unknown) => seen.push(["error", error]),
    );
    base.complete(7);
    expect(seen).toEqual([["complete", 7]]);
    expect(reported).toEqual([]);
  });

  it("the same chain fails with the source's error, the same value at the end", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    const tail = followerChain(base.promise, DEPTH);
    const boom = new Error("at the bottom");
    const seen: unknown[] = [];
    tail.then(
      (value) => seen.push(["complete", value]),
      (error: unknown) => seen.push(["error", error]),
    );
    base.fail(boom);
    expect(seen).toEqual([["error", boom]]);
    expect(reported).toEqual([]);
  });

  it("100,000 nested joins complete with the nested results when the innermost input completes", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    let outer: WinJSPromise<unknown> = base.promise;
    for (let i = 0; i < DEPTH; i++) outer = WinJSPromise.join([outer]);
    let result: unknown = "pending";
    outer.then((value) => (result = value));
    base.complete(1);
    let depth = 0;
    while (Array.isArray(result)) {
      result = result[0];
      depth++;
    }
    expect([depth, result]).toEqual([DEPTH, 1]);
    expect(reported).toEqual([]);
  });

  it("100,000 nested joins fail when the innermost input fails", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    let outer: WinJSPromise<unknown> = base.promise;
    for (let i = 0; i < DEPTH; i++) outer = WinJSPromise.join([outer]);
    let failed = false;
    outer.then(null, () => (failed = true));
    base.fail(new Error("innermost"));
    expect(failed).toBe(true);
    expect(reported).toEqual([]);
  });

  it("100,000 nested anys complete when the innermost input completes", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    let outer: WinJSPromise<unknown> = base.promise;
    for (let i = 0; i < DEPTH; i++) outer = WinJSPromise.any([outer]);
    let result: unknown = "pending";
    outer.then((value) => (result = value));
    base.complete(1);
    expect(result).toMatchObject({ key: "0" });
    expect(reported).toEqual([]);
  });

  it("canceling `loop = () => step().then(loop)` after 100,000 steps cancels the running step and errors Canceled", () => {
    const reported = captureListenerErrors();
    const queue = new WorkQueue();
    let steps = 0;
    let hooks = 0;
    const step = (): WinJSPromise<void> => {
      steps++;
      let token = 0;
      return new WinJSPromise<void>(
        (complete) => {
          token = queue.schedule(() => complete());
        },
        () => {
          hooks++;
          queue.cancel(token);
        },
      );
    };
    const loop = (): WinJSPromise<void> => step().then(loop);
    const running = loop();
    for (let i = 0; i < DEPTH; i++) queue.step();
    expect(steps).toBe(DEPTH + 1);
    const errors: unknown[] = [];
    running.then(null, (error: unknown) => errors.push(error));
    running.cancel();
    expect(hooks).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    expect(queue.isCanceled(0)).toBe(true);
    expect(reported).toEqual([]);
  });

  it("progress passes through 100,000 followers, once to each handler", () => {
    const reported = captureListenerErrors();
    const base = deferred<number>();
    const tail = followerChain(base.promise, DEPTH);
    const seen: unknown[] = [];
    tail.then(null, null, (value) => seen.push(value));
    base.progress("half");
    expect(seen).toEqual(["half"]);
    expect(reported).toEqual([]);
  });

  it("progress on a promise that follows itself reaches its handlers once and overflows nothing", () => {
    const reported = captureListenerErrors();
    const self = deferred<number>();
    self.complete(self.promise as unknown as number);
    const seen: unknown[] = [];
    self.promise.then(null, null, (value) => seen.push(value));
    self.progress(1);
    expect(seen).toEqual([1]);
    expect(reported).toEqual([]);
  });

  it("progress around a cycle of 100,000 followers reaches each handler once", () => {
    const reported = captureListenerErrors();
    const links = Array.from({ length: DEPTH }, () => deferred<number>());
    for (let i = 0; i < DEPTH; i++) links[i]!.complete(links[(i + 1) % DEPTH]!.promise as unknown as number);
    const seen: number[] = [];
    links[0]!.promise.then(null, null, () => seen.push(0));
    links[DEPTH / 2]!.promise.then(null, null, () => seen.push(DEPTH / 2));
    links[1]!.progress("tick");
    expect(seen.sort((a, b) => a - b)).toEqual([0, DEPTH / 2]);
    expect(reported).toEqual([]);
  });
});
