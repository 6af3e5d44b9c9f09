// DESIGN 4.3 item 4: the outcome is fixed at cancel. A return in a finally block while unwinding is ignored (the
// status stays canceled, awaiters get a CanceledError); an error thrown by the cleanup goes to the
// unobserved-error report (DESIGN 2.7), never to awaiters and never lost.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureUnobserved, settle } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { waitFor } from "../helpers/cancellation.js";

describe.each(kinds)("$name", (kind) => {
  it("ignores a return in finally: canceled, and awaiters get a CanceledError", async () => {
    const unobserved = captureUnobserved();
    let unwound = false;
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        unwound = true;
        // eslint-disable-next-line no-unsafe-finally
        return 99;
      }
    });
    op.cancel();
    expect(await rejection(op)).toBeInstanceOf(CanceledError);
    await waitFor(() => unwound);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(() => op.getResults()).toThrow();
    await settle();
    expect(unobserved).toEqual([]);
  });

  it("reports an error thrown by the cleanup as unobserved, once, and keeps canceled", async () => {
    const unobserved = captureUnobserved();
    const boom = new Error("cleanup failed");
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw boom;
      }
    });
    const awaited = rejection(op);
    op.cancel();
    expect(await awaited).toBeInstanceOf(CanceledError);
    await waitFor(() => unobserved.length > 0);
    await settle();
    expect(unobserved).toEqual([{ error: boom, operation: op }]);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("does not report a cancellation error thrown by the cleanup", async () => {
    const unobserved = captureUnobserved();
    const op = kind.run(function* () {
      try {
        yield new Promise(() => undefined);
      } finally {
        // eslint-disable-next-line no-unsafe-finally
        throw new CanceledError();
      }
    });
    op.cancel();
    await op[Symbol.asyncDispose]();
    await settle();
    expect(unobserved).toEqual([]);
  });
});
