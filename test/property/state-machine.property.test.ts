// DESIGN section 2 as properties: random command sequences against each of the four kinds, checked against a model.
// Invariants: status leaves started at most once and never changes again; the completed handler runs exactly once
// (on a later microtask) when assigned and the op ends; no progress after the terminal state; getResults throws exactly
// when it should and is stable; close() throws IllegalStateChangeError exactly while started; after close every member
// but cancel/close/dispose throws IllegalMethodCallError; awaiting agrees with the final status; throwing handlers
// change nothing and are reported; a body error after cancellation goes to the unobserved-error report.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AsyncError,
  AsyncStatus,
  CanceledError,
  HResult,
  IllegalDelegateAssignmentError,
  IllegalMethodCallError,
  IllegalStateChangeError,
  toPromise,
  whenAll,
  whenAny,
  type AsyncProgressContext,
  type Disposable,
} from "../../src/index.js";
import { asProgress, kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureListenerErrors, captureUnobserved, microtasks, settle } from "../helpers/fixtures.js";
import { asWinRT, foreign, type Foreign } from "../helpers/foreign.js";
import { caught } from "../helpers/caught.js";

// ---- Commands ---------------------------------------------------------------------------------------------

type FailWith = "error" | "string" | "object";
type HandlerChoice = "fn" | "null" | "throwing";

type Command =
  | { readonly t: "complete" }
  | { readonly t: "fail"; readonly with: FailWith }
  | { readonly t: "throwCanceled" }
  | { readonly t: "cancel" }
  | { readonly t: "close" }
  | { readonly t: "dispose" }
  | { readonly t: "assignCompleted"; readonly handler: HandlerChoice }
  | { readonly t: "readCompleted" }
  | { readonly t: "setProgress"; readonly handler: HandlerChoice }
  | { readonly t: "readProgress" }
  | { readonly t: "addListener"; readonly throwing: boolean }
  | { readonly t: "removeListener"; readonly index: number }
  | { readonly t: "report"; readonly value: number }
  | { readonly t: "readStatus" }
  | { readonly t: "getResults" }
  | { readonly t: "errorCode" }
  | { readonly t: "members" }
  | { readonly t: "await"; readonly via: "then" | "toPromise" | "toPromiseWithProgress" }
  | { readonly t: "flush" }
  // The long sequences add these (issue 8): the body's view of its cancellation, and foreign inputs.
  | { readonly t: "readSignal" }
  | { readonly t: "throwIfCanceled" }
  | { readonly t: "onCancel" }
  | { readonly t: "withForeign"; readonly combinator: "whenAll" | "whenAny" };

type Start =
  | "run-gated"
  | "run-sync-value"
  | "run-sync-throw"
  | "run-sync-throw-canceled"
  | "fromResult"
  | "fromError"
  | "canceled"
  | "fromPromise";

const handlerChoice = fc.constantFrom<HandlerChoice>("fn", "null", "throwing");
const failWithArb = fc.constantFrom<FailWith>("error", "string", "object");

function commandArb(withProgress: boolean, extended = false): fc.Arbitrary<Command> {
  const common: fc.WeightedArbitrary<Command>[] = [
    { weight: 2, arbitrary: fc.constant({ t: "complete" } as const) },
    { weight: 1, arbitrary: failWithArb.map((w) => ({ t: "fail", with: w }) as const) },
    { weight: 1, arbitrary: fc.constant({ t: "throwCanceled" } as const) },
    { weight: 1, arbitrary: fc.constant({ t: "cancel" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "close" } as const) },
    { weight: 1, arbitrary: fc.constant({ t: "dispose" } as const) },
    { weight: 3, arbitrary: handlerChoice.map((h) => ({ t: "assignCompleted", handler: h }) as const) },
    { weight: 1, arbitrary: fc.constant({ t: "readCompleted" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "readStatus" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "getResults" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "errorCode" } as const) },
    { weight: 1, arbitrary: fc.constant({ t: "members" } as const) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...(withProgress ? (["then", "toPromise", "toPromiseWithProgress"] as const) : (["then", "toPromise"] as const)))
        .map((via) => ({ t: "await", via }) as const),
    },
    { weight: 3, arbitrary: fc.constant({ t: "flush" } as const) },
  ];
  const progress: fc.WeightedArbitrary<Command>[] = [
    { weight: 2, arbitrary: handlerChoice.map((h) => ({ t: "setProgress", handler: h }) as const) },
    { weight: 1, arbitrary: fc.constant({ t: "readProgress" } as const) },
    { weight: 3, arbitrary: fc.boolean().map((throwing) => ({ t: "addListener", throwing }) as const) },
    { weight: 3, arbitrary: fc.nat(7).map((index) => ({ t: "removeListener", index }) as const) },
    { weight: 6, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((value) => ({ t: "report", value }) as const) },
  ];
  const bodyView: fc.WeightedArbitrary<Command>[] = [
    { weight: 2, arbitrary: fc.constant({ t: "readSignal" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "throwIfCanceled" } as const) },
    { weight: 2, arbitrary: fc.constant({ t: "onCancel" } as const) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom("whenAll" as const, "whenAny" as const)
        .map((combinator) => ({ t: "withForeign", combinator }) as const),
    },
  ];
  return fc.oneof(...common, ...(withProgress ? progress : []), ...(extended ? bodyView : []));
}

const startArb = fc.constantFrom<Start>(
  "run-gated",
  "run-gated",
  "run-gated",
  "run-gated",
  "run-gated",
  "run-sync-value",
  "run-sync-throw",
  "run-sync-throw-canceled",
  "fromResult",
  "fromError",
  "canceled",
  "fromPromise",
);

// ---- The model ----------------------------------------------------------------------------------------------

type Outcome = { status: AsyncStatus; value: unknown };
type AwaitRecord = { settled: boolean; ok: boolean; value: unknown };

interface Model {
  status: AsyncStatus;
  closed: boolean;
  /** What getResults() returns in completed (undefined for actions). */
  result: unknown;
  /** The stored failure in error. */
  error: unknown;
  /** The CanceledError the body threw, when that is what canceled the operation (awaiters get it by identity). */
  canceledBy: CanceledError | undefined;
  /** The body's promise was settled by the test; its effect lands at the next flush. */
  pending: Outcome | undefined;
  bodyDone: boolean;
  slot: "free" | "assigned-null" | "assigned-fn";
  handlerThrows: boolean;
  handlerRan: boolean;
  progressHandler: { id: string; throws: boolean; fn: (op: never, value: number) => void } | null;
  listeners: Array<{ id: string; throws: boolean; active: boolean; disposable: Disposable | undefined }>;
  deliveries: string[];
  listenerErrors: unknown[];
  lateErrors: unknown[];
  awaits: AwaitRecord[];
  errorCodeSeen: Error | undefined;
  /** The one CanceledError of a canceled operation, once seen (awaiters, ctx.signal.reason, throwIfCanceled). */
  cancelErrorSeen: unknown;
  /** onCancel registrations: how many times each is expected to have run (0 or 1), and those still waiting. */
  onCancelExpected: number[];
  onCancelWaiting: number[];
  /** Combinations of the operation with a foreign input, checked against the final outcome. */
  combinations: Array<{ combined: AnyOp; combinator: "whenAll" | "whenAny"; closedAtStart: boolean; foreign: Foreign }>;
}

function failureValue(kind: FailWith, n: number): unknown {
  if (kind === "error") return new Error(`failure ${n}`);
  if (kind === "string") return `failure ${n}`;
  return { failure: n };
}

function expectThrows(fn: () => unknown, ctor: abstract new (...args: never[]) => Error, hresult: number): void {
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (error) {
    threw = true;
    thrown = error;
  }
  expect(threw).toBe(true);
  expect(thrown).toBeInstanceOf(ctor);
  expect((thrown as AsyncError).hresult).toBe(hresult);
}

function expectIllegalCall(fn: () => unknown): void {
  expectThrows(fn, IllegalMethodCallError, HResult.E_ILLEGAL_METHOD_CALL);
}

// ---- One run ----------------------------------------------------------------------------------------------

async function runScenario(
  kind: Kind,
  start: Start,
  initialFailure: FailWith,
  commands: readonly Command[],
  listenerErrors: unknown[],
  unobserved: Array<{ error: unknown; operation: unknown }>,
): Promise<void> {
  listenerErrors.length = 0;
  unobserved.length = 0;
  let counter = 0;
  const fresh = (): number => ++counter;

  // The body's controls.
  let ctx: AsyncProgressContext<number> | undefined;
  let resolveBody: ((value: unknown) => void) | undefined;
  let rejectBody: ((error: unknown) => void) | undefined;
  const work = new Promise<unknown>((resolve, reject) => {
    resolveBody = resolve;
    rejectBody = reject;
  });
  const resultOf = (n: number): unknown => (kind.hasResult ? { result: n } : undefined);
  const initialResult = { result: 0 };
  const initialError = failureValue(initialFailure, 0);
  const initialCanceled = new CanceledError();

  const model: Model = {
    status: AsyncStatus.started,
    closed: false,
    result: undefined,
    error: undefined,
    canceledBy: undefined,
    pending: undefined,
    bodyDone: true,
    slot: "free",
    handlerThrows: false,
    handlerRan: false,
    progressHandler: null,
    listeners: [],
    deliveries: [],
    listenerErrors: [],
    lateErrors: [],
    awaits: [],
    errorCodeSeen: undefined,
    cancelErrorSeen: undefined,
    onCancelExpected: [],
    onCancelWaiting: [],
    combinations: [],
  };

  let op: AnyOp;
  switch (start) {
    case "run-gated":
      op = kind.run((c) => {
        ctx = c;
        return work;
      });
      model.bodyDone = false;
      break;
    case "run-sync-value":
      op = kind.run((c) => {
        ctx = c;
        return initialResult;
      });
      model.status = AsyncStatus.completed;
      model.result = kind.hasResult ? initialResult : undefined;
      break;
    case "run-sync-throw":
      op = kind.run((c) => {
        ctx = c;
        throw initialError;
      });
      model.status = AsyncStatus.error;
      model.error = initialError;
      break;
    case "run-sync-throw-canceled":
      op = kind.run((c) => {
        ctx = c;
        throw initialCanceled;
      });
      model.status = AsyncStatus.canceled;
      model.canceledBy = initialCanceled;
      break;
    case "fromResult":
      op = kind.fromResult(initialResult as never);
      model.status = AsyncStatus.completed;
      model.result = kind.hasResult ? initialResult : undefined;
      break;
    case "fromError":
      op = kind.fromError(initialError);
      model.status = AsyncStatus.error;
      model.error = initialError;
      break;
    case "canceled":
      op = kind.canceled();
      model.status = AsyncStatus.canceled;
      break;
    case "fromPromise":
      op = kind.fromPromise(work as Promise<number>);
      model.bodyDone = false;
      break;
  }
  const id = op.id;
  expect(Number.isInteger(id) && id > 0).toBe(true);
  lastModel = model;

  const handlerCalls: Array<{ sender: unknown; status: AsyncStatus }> = [];
  const onCancelRuns: number[] = [];
  const deliveries: string[] = [];
  const observedStatuses: AsyncStatus[] = [op.status];

  // ---- checks -----------------------------------------------------------------------------------------------
  function checkNow(): void {
    if (!model.closed) {
      const status = op.status;
      observedStatuses.push(status);
      expect(status).toBe(model.status);
    }
    expect(handlerCalls.length).toBe(model.handlerRan ? 1 : 0);
    for (const call of handlerCalls) {
      expect(call.sender).toBe(op);
      expect(call.status).toBe(model.status);
    }
    expect(deliveries).toEqual(model.deliveries);
    expect(onCancelRuns).toEqual(model.onCancelExpected);
    expect(listenerErrors.length).toBe(model.listenerErrors.length);
    model.listenerErrors.forEach((error, i) => expect(listenerErrors[i]).toBe(error));
  }

  function checkAwaits(): void {
    for (const record of model.awaits) {
      if (model.status === AsyncStatus.started) {
        expect(record.settled).toBe(false);
        continue;
      }
      expect(record.settled).toBe(true);
      if (model.status === AsyncStatus.completed) {
        expect(record.ok).toBe(true);
        expect(record.value).toBe(model.result);
      } else if (model.status === AsyncStatus.error) {
        expect(record.ok).toBe(false);
        expect(record.value).toBe(model.error);
      } else {
        expect(record.ok).toBe(false);
        expect(record.value).toBeInstanceOf(CanceledError);
        expect((record.value as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
        if (model.canceledBy !== undefined) expect(record.value).toBe(model.canceledBy);
        sameCancelError(record.value);
      }
    }
  }

  /** Every CanceledError a canceled operation hands out is the same object. */
  function sameCancelError(error: unknown): void {
    if (model.cancelErrorSeen === undefined) model.cancelErrorSeen = error;
    else expect(error).toBe(model.cancelErrorSeen);
  }

  /** The status left started: onCancel registrations still waiting run now (canceled) or never. */
  function leftStarted(): void {
    const ran = model.status === AsyncStatus.canceled ? 1 : 0;
    for (const index of model.onCancelWaiting) model.onCancelExpected[index] = ran;
    model.onCancelWaiting = [];
  }

  async function flush(): Promise<void> {
    await microtasks(20);
    const outcome = model.pending;
    model.pending = undefined;
    if (outcome !== undefined) {
      if (model.status === AsyncStatus.started) {
        model.status = outcome.status;
        if (outcome.status === AsyncStatus.completed) model.result = outcome.value;
        if (outcome.status === AsyncStatus.error) model.error = outcome.value;
        if (outcome.status === AsyncStatus.canceled) model.canceledBy = outcome.value as CanceledError;
        leftStarted();
      } else if (outcome.status === AsyncStatus.error) {
        // A failure after cancellation is not lost (DESIGN 2.2 #3).
        model.lateErrors.push(outcome.value);
      }
    }
    if (model.status !== AsyncStatus.started && model.slot === "assigned-fn" && !model.handlerRan) {
      model.handlerRan = true;
      if (model.handlerThrows) model.listenerErrors.push(handlerError);
    }
    checkNow();
    checkAwaits();
  }

  function endBody(outcome: Outcome, settleBody: () => void): void {
    if (model.bodyDone) return;
    model.bodyDone = true;
    model.pending = outcome;
    settleBody();
  }

  function cancelNow(): void {
    if (model.status === AsyncStatus.started) {
      model.status = AsyncStatus.canceled;
      model.canceledBy = undefined;
      leftStarted();
    }
  }

  const handlerError = new Error("completed handler failed");
  let completedHandler: unknown;
  const progressOp = kind.hasProgress ? asProgress(op) : undefined;

  // ---- the commands ---------------------------------------------------------------------------------------
  for (const command of commands) {
    switch (command.t) {
      case "complete": {
        const value = resultOf(fresh());
        endBody({ status: AsyncStatus.completed, value }, () => resolveBody!(value));
        break;
      }
      case "fail": {
        const error = failureValue(command.with, fresh());
        endBody({ status: AsyncStatus.error, value: error }, () => rejectBody!(error));
        break;
      }
      case "throwCanceled": {
        const error = new CanceledError();
        endBody({ status: AsyncStatus.canceled, value: error }, () => rejectBody!(error));
        break;
      }
      case "cancel":
        expect(() => op.cancel()).not.toThrow();
        cancelNow();
        break;
      case "close":
        if (!model.closed && model.status === AsyncStatus.started) {
          expectThrows(() => op.close(), IllegalStateChangeError, HResult.E_ILLEGAL_STATE_CHANGE);
        } else {
          expect(() => op.close()).not.toThrow();
          model.closed = true;
        }
        break;
      case "dispose":
        expect(() => op[Symbol.dispose]()).not.toThrow();
        cancelNow();
        model.closed = true;
        break;
      case "assignCompleted": {
        const handler =
          command.handler === "null"
            ? null
            : (sender: never, status: AsyncStatus): void => {
                handlerCalls.push({ sender, status });
                if (command.handler === "throwing") throw handlerError;
              };
        if (model.closed) {
          expectIllegalCall(() => (op.completed = handler));
        } else if (model.slot !== "free") {
          expectThrows(
            () => (op.completed = handler),
            IllegalDelegateAssignmentError,
            HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT,
          );
        } else {
          op.completed = handler;
          model.slot = handler === null ? "assigned-null" : "assigned-fn";
          model.handlerThrows = command.handler === "throwing";
          if (handler !== null) completedHandler = handler;
        }
        break;
      }
      case "readCompleted":
        if (model.closed) expectIllegalCall(() => op.completed);
        else if (model.slot === "assigned-fn" && !model.handlerRan) expect(op.completed).toBe(completedHandler);
        else expect(op.completed).toBeNull();
        break;
      case "setProgress": {
        const p = progressOp!;
        const n = fresh();
        const throws = command.handler === "throwing";
        const entry =
          command.handler === "null"
            ? null
            : {
                id: `handler${n}`,
                throws,
                fn: (sender: never, value: number): void => {
                  deliveries.push(`handler${n}:${value}:${sender === p ? "op" : "other"}`);
                  if (throws) throw progressError(`handler${n}`, value);
                },
              };
        if (model.closed) {
          expectIllegalCall(() => (p.progress = entry?.fn ?? null));
        } else {
          p.progress = entry?.fn ?? null;
          model.progressHandler = entry;
        }
        break;
      }
      case "readProgress":
        if (model.closed) expectIllegalCall(() => progressOp!.progress);
        else expect(progressOp!.progress).toBe(model.progressHandler?.fn ?? null);
        break;
      case "addListener": {
        const p = progressOp!;
        const name = `listener${fresh()}`;
        const throws = command.throwing;
        const listener = (value: number): void => {
          deliveries.push(`${name}:${value}`);
          if (throws) throw progressError(name, value);
        };
        if (model.closed) {
          expectIllegalCall(() => p.onProgress(listener));
        } else {
          const disposable = p.onProgress(listener);
          model.listeners.push({ id: name, throws, active: model.status === AsyncStatus.started, disposable });
        }
        break;
      }
      case "removeListener": {
        // Only listeners added with onProgress; a toPromise sink stays until its promise settles.
        const removable = model.listeners.filter((listener) => listener.disposable !== undefined);
        if (removable.length === 0) break;
        const entry = removable[command.index % removable.length]!;
        expect(() => entry.disposable![Symbol.dispose]()).not.toThrow();
        entry.active = false;
        break;
      }
      case "report": {
        if (ctx === undefined) break;
        const c = ctx;
        expect(() => c.report(command.value)).not.toThrow();
        if (model.status === AsyncStatus.started) {
          const handler = model.progressHandler;
          if (handler !== null) {
            model.deliveries.push(`${handler.id}:${command.value}:op`);
            if (handler.throws) model.listenerErrors.push(progressError(handler.id, command.value));
          }
          for (const listener of model.listeners) {
            if (!listener.active) continue;
            model.deliveries.push(`${listener.id}:${command.value}`);
            if (listener.throws) model.listenerErrors.push(progressError(listener.id, command.value));
          }
        }
        break;
      }
      case "readStatus":
        if (model.closed) expectIllegalCall(() => op.status);
        else expect(op.status).toBe(model.status);
        break;
      case "getResults":
        if (model.closed || model.status === AsyncStatus.started || model.status === AsyncStatus.canceled) {
          expectIllegalCall(() => op.getResults());
        } else if (model.status === AsyncStatus.error) {
          expect(caught(() => op.getResults())).toBe(model.error);
        } else {
          expect(op.getResults()).toBe(model.result);
        }
        break;
      case "errorCode":
        if (model.closed) expectIllegalCall(() => op.errorCode);
        else if (model.status !== AsyncStatus.error) expect(op.errorCode).toBeNull();
        else {
          const code = op.errorCode;
          if (model.error instanceof Error) expect(code).toBe(model.error);
          else {
            expect(code).toBeInstanceOf(AsyncError);
            expect((code as AsyncError).hresult).toBe(HResult.E_FAIL);
            expect(code!.cause).toBe(model.error);
          }
          if (model.errorCodeSeen !== undefined) expect(code).toBe(model.errorCodeSeen);
          model.errorCodeSeen = code!;
        }
        break;
      case "members":
        if (model.closed) {
          const p = progressOp;
          expectIllegalCall(() => op.id);
          expectIllegalCall(() => op.status);
          expectIllegalCall(() => op.errorCode);
          expectIllegalCall(() => op.description);
          expectIllegalCall(() => op.completed);
          expectIllegalCall(() => op.getResults());
          expectIllegalCall(() => op.then());
          expectIllegalCall(() => op.catch());
          expectIllegalCall(() => op.finally());
          if (p !== undefined) {
            expectIllegalCall(() => p.progress);
            expectIllegalCall(() => (p.progress = null));
            expectIllegalCall(() => p.onProgress(() => undefined));
          }
          expect(() => op.cancel()).not.toThrow();
          expect(() => op.close()).not.toThrow();
          expect(() => op[Symbol.dispose]()).not.toThrow();
        } else {
          expect(op.id).toBe(id);
          expect(op.description).toBeUndefined();
        }
        break;
      case "await": {
        if (model.closed) {
          if (command.via === "then") expectIllegalCall(() => op.then());
          else expectIllegalCall(() => toPromise(asWinRT(op)));
          break;
        }
        const record: AwaitRecord = { settled: false, ok: false, value: undefined };
        const onValue = (value: unknown): void => void Object.assign(record, { settled: true, ok: true, value });
        const onError = (value: unknown): void => void Object.assign(record, { settled: true, ok: false, value });
        if (command.via === "then") {
          void op.then(onValue, onError);
        } else if (command.via === "toPromise") {
          void toPromise(asWinRT(op)).then(onValue, onError);
        } else {
          const name = `sink${fresh()}`;
          const sink = (value: number): void => void deliveries.push(`${name}:${value}`);
          void toPromise(asWinRT(op), { onProgress: sink }).then(onValue, onError);
          model.listeners.push({ id: name, throws: false, active: model.status === AsyncStatus.started, disposable: undefined });
        }
        model.awaits.push(record);
        break;
      }
      case "flush":
        await flush();
        break;
      case "readSignal": {
        if (ctx === undefined) break;
        const signal = ctx.signal;
        expect(signal.aborted).toBe(model.status === AsyncStatus.canceled);
        if (model.status === AsyncStatus.canceled) {
          expect(signal.reason).toBeInstanceOf(CanceledError);
          if (model.canceledBy !== undefined) expect(signal.reason).toBe(model.canceledBy);
          sameCancelError(signal.reason);
        }
        break;
      }
      case "throwIfCanceled": {
        if (ctx === undefined) break;
        const c = ctx;
        if (model.status !== AsyncStatus.canceled) {
          expect(() => c.throwIfCanceled()).not.toThrow();
          break;
        }
        let thrown: unknown;
        try {
          c.throwIfCanceled();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(CanceledError);
        sameCancelError(thrown);
        break;
      }
      case "onCancel": {
        if (ctx === undefined) break;
        const index = onCancelRuns.length;
        onCancelRuns.push(0);
        ctx.onCancel(() => onCancelRuns[index]!++);
        if (model.status === AsyncStatus.started) {
          model.onCancelExpected.push(0);
          model.onCancelWaiting.push(index);
        } else {
          // Registered on a canceled operation: runs at once, inside onCancel; on a completed or failed one: never.
          model.onCancelExpected.push(model.status === AsyncStatus.canceled ? 1 : 0);
        }
        break;
      }
      case "withForeign": {
        const f = foreign({ withProgress: false });
        const inputs = [op, f.op] as const;
        const combined = (
          command.combinator === "whenAll" ? whenAll(inputs as never) : whenAny(inputs as never)
        ) as unknown as AnyOp;
        // For whenAll the foreign input completes at once, so the operation decides; for whenAny it never ends.
        if (command.combinator === "whenAll") f.finish(AsyncStatus.completed, 5);
        model.combinations.push({ combined, combinator: command.combinator, closedAtStart: model.closed, foreign: f });
        break;
      }
    }
    checkNow();
  }

  // ---- the end: everything still running completes, then every invariant holds once more ----------------------
  await flush();
  if (model.status === AsyncStatus.started) {
    const value = resultOf(fresh());
    endBody({ status: AsyncStatus.completed, value }, () => resolveBody!(value));
    await flush();
  }
  expect(model.status).not.toBe(AsyncStatus.started);
  if (model.slot === "assigned-fn") expect(handlerCalls).toHaveLength(1);
  else expect(handlerCalls).toHaveLength(0);

  // Status left started at most once, and only ever towards one terminal value.
  const changes = observedStatuses.filter((status, i) => i > 0 && status !== observedStatuses[i - 1]);
  expect(changes.length).toBeLessThanOrEqual(1);
  if (changes.length === 1) expect(observedStatuses[0]).toBe(AsyncStatus.started);

  // Late failures reach the unobserved-error report (it runs on a timer).
  await settle();
  for (const { combined, combinator, closedAtStart, foreign: f } of model.combinations) {
    checkCombination(combined, combinator, closedAtStart, f);
  }
  for (const error of model.lateErrors) {
    expect(unobserved.some((entry) => entry.error === error && entry.operation === op)).toBe(true);
  }
}

/** A combination of the operation with a foreign input ended as the operation did (or failed on a closed one). */
function checkCombination(
  combined: AnyOp,
  combinator: "whenAll" | "whenAny",
  closedAtStart: boolean,
  f: Foreign,
  model: Pick<Model, "status" | "result" | "error"> = lastModel!,
): void {
  if (closedAtStart) {
    expect(combined.status).toBe(AsyncStatus.error);
    expect(combined.errorCode).toBeInstanceOf(IllegalMethodCallError);
  } else {
    expect(combined.status).toBe(model.status);
    if (model.status === AsyncStatus.completed) {
      const results = combined.getResults();
      if (combinator === "whenAll") expect(results).toEqual([model.result, 5]);
      else expect(results).toBe(model.result);
    } else if (model.status === AsyncStatus.error) {
      expect(caught(() => combined.getResults())).toBe(model.error);
    }
  }
  // whenAny owns its losers: the foreign input that never ended was canceled once the outcome was decided.
  if (combinator === "whenAny") expect(f.counts.cancel).toBe(1);
}
let lastModel: Model | undefined;

const progressErrors = new Map<string, Error>();
/** The error a throwing progress handler/listener throws for one value: the same object for the model and the run. */
function progressError(name: string, value: number): Error {
  const existing = progressErrors.get(`${name}:${value}`);
  if (existing !== undefined) return existing;
  const error = new Error(`${name} failed on ${value}`);
  progressErrors.set(`${name}:${value}`, error);
  return error;
}

// ---- The properties ---------------------------------------------------------------------------------------

describe.each(kinds)("$name state machine", (kind) => {
  it("keeps every invariant of DESIGN section 2 over random command sequences", async () => {
    const listenerErrors = captureListenerErrors();
    const unobserved = captureUnobserved();
    await fc.assert(
      fc.asyncProperty(
        startArb,
        failWithArb,
        fc.array(commandArb(kind.hasProgress), { maxLength: 40, size: "max" }),
        async (start, initialFailure, commands) => {
          progressErrors.clear();
          await runScenario(kind, start, initialFailure, commands, listenerErrors, unobserved);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// Issue 8: long random sequences (up to 250 commands) over the same model, with the body's view of its own
// cancellation (ctx.signal, throwIfCanceled, onCancel) and foreign inputs combined with the operation.
describe.each(kinds)("$name state machine, long sequences", (kind) => {
  it("keeps every invariant over sequences of up to 250 commands, with ctx.signal, throwIfCanceled, onCancel and foreign inputs", async () => {
    const listenerErrors = captureListenerErrors();
    const unobserved = captureUnobserved();
    await fc.assert(
      fc.asyncProperty(
        startArb,
        failWithArb,
        fc.array(commandArb(kind.hasProgress, true), { minLength: 100, maxLength: 250, size: "max" }),
        async (start, initialFailure, commands) => {
          progressErrors.clear();
          await runScenario(kind, start, initialFailure, commands, listenerErrors, unobserved);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
