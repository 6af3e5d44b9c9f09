// Case 110: status, errorCode and getResults() read inside the completed handler agree with its status argument.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalMethodCallError } from "../../src/index.js";
import { resultKinds } from "../helpers/kinds.js";
import { gate, microtasks } from "../helpers/fixtures.js";

interface Reading {
  argument: number;
  status: number;
  errorCode: unknown;
  result?: unknown;
  thrown?: unknown;
}

describe.each(resultKinds)("$name", (kind) => {
  async function readInside(end: "complete" | "fail" | "cancel", failure?: Error): Promise<Reading[]> {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      if (end === "fail") throw failure;
      return 42;
    });
    const readings: Reading[] = [];
    op.completed = (_sender, status) => {
      const reading: Reading = { argument: status, status: op.status, errorCode: op.errorCode };
      try {
        reading.result = op.getResults();
      } catch (error) {
        reading.thrown = error;
      }
      readings.push(reading);
    };
    if (end === "cancel") op.cancel();
    g.open();
    await op.then(
      () => undefined,
      () => undefined,
    );
    await microtasks();
    return readings;
  }

  it("completed ⇒ status 1, errorCode null, the value", async () => {
    const readings = await readInside("complete");
    expect(readings).toEqual([{ argument: AsyncStatus.completed, status: AsyncStatus.completed, errorCode: null, result: 42 }]);
  });

  it("error ⇒ status 3, errorCode and getResults give the body's error", async () => {
    const failure = new Error("failed");
    const readings = await readInside("fail", failure);
    expect(readings).toHaveLength(1);
    expect(readings[0]!.argument).toBe(AsyncStatus.error);
    expect(readings[0]!.status).toBe(AsyncStatus.error);
    expect(readings[0]!.errorCode).toBe(failure);
    expect(readings[0]!.thrown).toBe(failure);
  });

  it("canceled ⇒ status 2, errorCode null, getResults throws IllegalMethodCallError", async () => {
    const readings = await readInside("cancel");
    expect(readings).toHaveLength(1);
    expect(readings[0]!.argument).toBe(AsyncStatus.canceled);
    expect(readings[0]!.status).toBe(AsyncStatus.canceled);
    expect(readings[0]!.errorCode).toBeNull();
    expect(readings[0]!.thrown).toBeInstanceOf(IllegalMethodCallError);
    expect((readings[0]!.thrown as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
  });
});
