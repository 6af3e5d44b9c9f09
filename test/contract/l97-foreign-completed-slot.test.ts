// Cases 94 and 97 on FOREIGN objects (DESIGN 1.3, 2.8): toPromise reads a terminal object's status without assigning `completed`; a started one gets `completed` assigned (as C#'s AsTask does), so a taken slot makes toPromise throw the setter's error synchronously.
import { describe, expect, it } from "vitest";
import {
  AsyncStatus,
  CanceledError,
  HResult,
  IllegalDelegateAssignmentError,
  toPromise,
} from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { foreign } from "../helpers/foreign.js";

describe.each(kinds)("$name-shaped foreign object", (kind) => {
  const withProgress = kind.hasProgress;

  it("completed already: resolves with getResults() without assigning `completed`", async () => {
    const f = foreign({ withProgress, status: AsyncStatus.completed, result: 50 });
    await expect(toPromise(f.op)).resolves.toBe(50);
    expect(f.counts.completed).toBe(0);
    expect(f.op.completed).toBeNull();
  });

  it("in error already: rejects with the stored error without assigning `completed`", async () => {
    const error = new Error("native failure");
    const f = foreign({ withProgress, status: AsyncStatus.error, error });
    await expect(toPromise(f.op)).rejects.toBe(error);
    expect(f.counts.completed).toBe(0);
  });

  it("canceled already: rejects with CanceledError without assigning `completed`", async () => {
    const f = foreign({ withProgress, status: AsyncStatus.canceled });
    const reason: unknown = await toPromise(f.op).catch((caught: unknown) => caught);
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(f.counts.completed).toBe(0);
  });

  it("terminal: may be converted any number of times", async () => {
    const f = foreign({ withProgress, status: AsyncStatus.completed, result: 7 });
    const results = await Promise.all([toPromise(f.op), toPromise(f.op), toPromise(f.op)]);
    expect(results).toEqual([7, 7, 7]);
    expect(f.counts.completed).toBe(0);
  });

  it("started: assigns `completed` once and settles when the object calls it", async () => {
    const f = foreign({ withProgress });
    const promise = toPromise(f.op);
    expect(f.counts.completed).toBe(1);
    expect(typeof f.op.completed).toBe("function");
    f.finish(AsyncStatus.completed, 50);
    await expect(promise).resolves.toBe(50);
  });

  it("started with `completed` already taken: throws IllegalDelegateAssignmentError synchronously", () => {
    const f = foreign({ withProgress });
    f.op.completed = () => undefined;
    let thrown: unknown;
    try {
      void toPromise(f.op);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((thrown as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
  });

  it("a second toPromise on a started object throws the setter's error synchronously (the peers' 0x80000018)", async () => {
    const f = foreign({ withProgress });
    const first = toPromise(f.op);
    expect(() => toPromise(f.op)).toThrow(IllegalDelegateAssignmentError);
    f.finish(AsyncStatus.completed, 3);
    await expect(first).resolves.toBe(3);
  });

  it("passes on whatever the setter throws, by identity", () => {
    const own = new Error("this binding refuses handlers");
    const f = foreign({ withProgress, setterThrows: own });
    let thrown: unknown;
    try {
      void toPromise(f.op);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(own);
  });
});
