// Type tests of winrt-async/diagnostics and of the kind tags on the four classes.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  type AsyncStatus,
  type Disposable,
} from "../../src/index.js";
import {
  channelNames,
  liveOperations,
  onOperationSettle,
  onOperationStart,
  trackOperations,
  type AsyncStatusName,
  type AnyOperation,
  type OperationKind,
  type OperationSettleMessage,
  type OperationSnapshot,
  type OperationStartMessage,
} from "../../src/diagnostics/index.js";

describe("Symbol.toStringTag", () => {
  it("is the literal name of each class", () => {
    expectTypeOf(AsyncAction.fromResult()[Symbol.toStringTag]).toEqualTypeOf<"AsyncAction">();
    expectTypeOf(AsyncActionWithProgress.fromResult<number>()[Symbol.toStringTag]).toEqualTypeOf<"AsyncActionWithProgress">();
    expectTypeOf(AsyncOperation.fromResult(1)[Symbol.toStringTag]).toEqualTypeOf<"AsyncOperation">();
    expectTypeOf(AsyncOperationWithProgress.fromResult(1)[Symbol.toStringTag]).toEqualTypeOf<"AsyncOperationWithProgress">();
  });
  it("is read-only", () => {
    const op = AsyncOperation.fromResult(1);
    // @ts-expect-error a getter without a setter
    op[Symbol.toStringTag] = "AsyncOperation";
  });
});

describe("winrt-async/diagnostics", () => {
  it("trackOperations returns a Disposable; liveOperations returns snapshots", () => {
    expectTypeOf(trackOperations).toEqualTypeOf<() => Disposable>();
    expectTypeOf(liveOperations).returns.toEqualTypeOf<OperationSnapshot[]>();
    expectTypeOf<OperationSnapshot>().toEqualTypeOf<{
      readonly id: number;
      readonly kind: OperationKind;
      readonly description: string | undefined;
      readonly status: AsyncStatus;
      readonly statusName: AsyncStatusName;
      readonly ageMs: number;
    }>();
  });
  it("names the kinds and the channels as literals", () => {
    expectTypeOf<OperationKind>().toEqualTypeOf<
      "AsyncAction" | "AsyncActionWithProgress" | "AsyncOperation" | "AsyncOperationWithProgress"
    >();
    expectTypeOf(channelNames.start).toEqualTypeOf<"winrt-async:start">();
    expectTypeOf(channelNames.settle).toEqualTypeOf<"winrt-async:settle">();
  });
  it("messages carry an operation of any kind and type arguments", () => {
    expectTypeOf(AsyncOperation.fromResult(1)).toExtend<AnyOperation>();
    expectTypeOf(AsyncOperationWithProgress.fromResult<string, number>("x")).toExtend<AnyOperation>();
    expectTypeOf(AsyncActionWithProgress.fromResult<{ done: number }>()).toExtend<AnyOperation>();
    expectTypeOf<{ id: number }>().not.toExtend<AnyOperation>();
    expectTypeOf<OperationStartMessage["operation"]>().toEqualTypeOf<AnyOperation>();
    expectTypeOf<OperationSettleMessage["status"]>().toEqualTypeOf<AsyncStatus>();
    expectTypeOf<OperationSettleMessage["error"]>().toEqualTypeOf<unknown>();
    const message = {} as OperationSettleMessage;
    // @ts-expect-error messages are read-only
    message.status = 1;
  });
});

describe("typed channel subscriptions and status names (issue 19)", () => {
  it("onOperationStart and onOperationSettle hand the listener the typed message and return a Disposable", () => {
    expectTypeOf(onOperationStart).parameter(0).toEqualTypeOf<(message: OperationStartMessage) => void>();
    expectTypeOf(onOperationSettle).parameter(0).toEqualTypeOf<(message: OperationSettleMessage) => void>();
    expectTypeOf(onOperationStart(() => {})).toEqualTypeOf<Disposable>();
    onOperationSettle((message) => {
      expectTypeOf(message.statusName).toEqualTypeOf<"completed" | "canceled" | "error">();
    });
    // @ts-expect-error a listener must be a function
    onOperationStart("listener");
  });
  it("snapshots name their status", () => {
    expectTypeOf<OperationSnapshot["statusName"]>().toEqualTypeOf<AsyncStatusName>();
    expectTypeOf<AsyncStatusName>().toEqualTypeOf<"started" | "completed" | "canceled" | "error">();
  });
});
