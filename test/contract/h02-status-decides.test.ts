// Issue 15 item 5 (DESIGN 4.7 #2): the status decides, for every consumer. An operation in `error` is an error to
// `await`, `toPromise`, the combinators and coroutines alike, whatever its `errorCode` (a cancellation error
// included); `fromError(e)` with a cancellation error gives a `canceled` operation, as a body that throws one does.
import { describe, expect, it } from "vitest";
import {
  AsyncOperation,
  AsyncStatus,
  CanceledError,
  HResult,
  toPromise,
  wait,
  whenAll,
  whenAny,
  withTimeout,
} from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { caught, rejection } from "../helpers/caught.js";
import { settle } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";

function cancellationErrors(): Array<[string, unknown]> {
  const withCode = Object.assign(new Error("cancelled by the system"), { hresult: HResult.ERROR_CANCELLED });
  const abort = new DOMException("aborted", "AbortError");
  return [
    ["a CanceledError", new CanceledError()],
    ["an Error with hresult ERROR_CANCELLED", withCode],
    ["an AbortError", abort],
  ];
}

describe.each(kinds)("$name", (kind) => {
  describe.each(cancellationErrors())("fromError(%s)", (_label, error) => {
    it("gives a canceled operation that every consumer sees as canceled", async () => {
      const op = kind.fromError(error);
      expect(op.status).toBe(AsyncStatus.canceled);
      expect(op.errorCode).toBeNull();
      expect(caught(() => op.getResults())).toBeInstanceOf(Error);
      expect(await rejection(op)).toBeInstanceOf(CanceledError);
      const all = whenAll([op]) as unknown as AnyOp;
      await settle();
      expect(all.status).toBe(AsyncStatus.canceled);
    });
  });
});

/** Combinators over one input, each giving an operation. */
const consumers: Array<[string, (input: unknown) => AnyOp]> = [
  ["whenAll", (input) => whenAll([input as never]) as unknown as AnyOp],
  ["whenAny", (input) => whenAny([input as never]) as unknown as AnyOp],
  ["withTimeout", (input) => withTimeout(input as never, 60_000) as unknown as AnyOp],
  [
    "a coroutine that catches nothing",
    (input) =>
      AsyncOperation.run(function* () {
        return yield* wait(input as never);
      }) as unknown as AnyOp,
  ],
];

describe.each(cancellationErrors())("a foreign operation in error whose errorCode is %s", (_label, error) => {
  it("is an error to toPromise, with that value", async () => {
    const source = foreign({ status: AsyncStatus.error, error });
    expect(await rejection(toPromise(source.op))).toBe(error);
  });

  it.each(consumers.slice(0, 3))("is an error to %s, with that value", async (_name, consume) => {
    const source = foreign({ status: AsyncStatus.error, error });
    const op = consume(source.op);
    await settle();
    expect(op.status).toBe(AsyncStatus.error);
    expect(caught(() => op.getResults())).toBe(error);
    expect(await rejection(op)).toBe(error);
  });

  it("is thrown at a coroutine's yield as that value, as await rejects with it", async () => {
    const source = foreign({ status: AsyncStatus.error, error });
    let seen: unknown;
    const op = AsyncOperation.run(function* () {
      try {
        yield* wait(source.op);
      } catch (thrown) {
        seen = thrown;
      }
      return 1;
    });
    await settle();
    expect(seen).toBe(error);
    expect(op.status).toBe(AsyncStatus.completed);
  });

  it("ends an error later in time too (the foreign operation fails while the consumers wait)", async () => {
    const source = foreign({});
    const ops = consumers.slice(0, 3).map(([, consume]) => consume(source.op));
    // A foreign `completed` is assigned once: only the first consumer can follow this object; the others see the
    // taken slot as a failure of their input. Check the first.
    source.finish(AsyncStatus.error, error);
    await settle();
    expect(ops[0]!.status).toBe(AsyncStatus.error);
    expect(await rejection(ops[0]!)).toBe(error);
  });
});
