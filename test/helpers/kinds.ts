// The four kinds behind one uniform surface, so every contract rule runs once per kind
// (the way the windows-rs and C++/WinRT suites test Action, ActionWithProgress, Operation, OperationWithProgress).
import {
  AsyncAction,
  AsyncActionWithProgress,
  AsyncOperation,
  AsyncOperationWithProgress,
  type AsyncProgressContext,
  type AsyncStatus,
  type Disposable,
  type RunOptions,
} from "../../src/index.js";

/** What every kind has in common, with progress typed as number and results as number (undefined for actions). */
export interface AnyOp extends PromiseLike<unknown> {
  readonly id: number;
  readonly status: AsyncStatus;
  readonly errorCode: Error | null;
  readonly description: string | undefined;
  completed: ((asyncInfo: never, status: AsyncStatus) => void) | null;
  getResults(): unknown;
  cancel(): void;
  close(): void;
  then<A = unknown, B = never>(
    onfulfilled?: ((value: unknown) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B>;
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<unknown>;
  finally(onfinally?: (() => void) | null): Promise<unknown>;
  [Symbol.dispose](): void;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The progress kinds add these. */
export interface ProgressOp extends AnyOp {
  progress: ((asyncInfo: never, progress: number) => void) | null;
  onProgress(listener: (progress: number) => void): Disposable;
}

export type Body = (ctx: AsyncProgressContext<number>) => unknown;

export interface Kind {
  /** "AsyncAction", "AsyncActionWithProgress", ... */
  readonly name: string;
  readonly hasResult: boolean;
  readonly hasProgress: boolean;
  /** The class itself, for instanceof checks. */
  readonly ctor: { readonly prototype: unknown; readonly name: string };
  run(body: Body, options?: RunOptions): AnyOp;
  fromResult(value: number): AnyOp;
  fromError(error: unknown): AnyOp;
  canceled(): AnyOp;
  fromPromise(promise: PromiseLike<number>, options?: RunOptions): AnyOp;
  /** What getResults()/await give for a body that returned `value`: the value, or undefined for actions. */
  expected(value: number): number | undefined;
}

export const kinds: readonly Kind[] = [
  {
    name: "AsyncAction",
    hasResult: false,
    hasProgress: false,
    ctor: AsyncAction,
    run: (body, options) => AsyncAction.run(body as never, options) as unknown as AnyOp,
    fromResult: () => AsyncAction.fromResult() as unknown as AnyOp,
    fromError: (error) => AsyncAction.fromError(error) as unknown as AnyOp,
    canceled: () => AsyncAction.canceled() as unknown as AnyOp,
    fromPromise: (promise, options) => AsyncAction.fromPromise(promise, options) as unknown as AnyOp,
    expected: () => undefined,
  },
  {
    name: "AsyncActionWithProgress",
    hasResult: false,
    hasProgress: true,
    ctor: AsyncActionWithProgress,
    run: (body, options) => AsyncActionWithProgress.run<number>(body, options) as unknown as AnyOp,
    fromResult: () => AsyncActionWithProgress.fromResult<number>() as unknown as AnyOp,
    fromError: (error) => AsyncActionWithProgress.fromError<number>(error) as unknown as AnyOp,
    canceled: () => AsyncActionWithProgress.canceled<number>() as unknown as AnyOp,
    fromPromise: (promise, options) => AsyncActionWithProgress.fromPromise<number>(promise, options) as unknown as AnyOp,
    expected: () => undefined,
  },
  {
    name: "AsyncOperation",
    hasResult: true,
    hasProgress: false,
    ctor: AsyncOperation,
    run: (body, options) => AsyncOperation.run(body as never, options) as unknown as AnyOp,
    fromResult: (value) => AsyncOperation.fromResult(value) as unknown as AnyOp,
    fromError: (error) => AsyncOperation.fromError<number>(error) as unknown as AnyOp,
    canceled: () => AsyncOperation.canceled<number>() as unknown as AnyOp,
    fromPromise: (promise, options) => AsyncOperation.fromPromise(promise, options) as unknown as AnyOp,
    expected: (value) => value,
  },
  {
    name: "AsyncOperationWithProgress",
    hasResult: true,
    hasProgress: true,
    ctor: AsyncOperationWithProgress,
    run: (body, options) => AsyncOperationWithProgress.run<unknown, number>(body, options) as unknown as AnyOp,
    fromResult: (value) => AsyncOperationWithProgress.fromResult<number, number>(value) as unknown as AnyOp,
    fromError: (error) => AsyncOperationWithProgress.fromError<number, number>(error) as unknown as AnyOp,
    canceled: () => AsyncOperationWithProgress.canceled<number, number>() as unknown as AnyOp,
    fromPromise: (promise, options) =>
      AsyncOperationWithProgress.fromPromise<number, number>(promise, options) as unknown as AnyOp,
    expected: (value) => value,
  },
];

export const progressKinds: readonly Kind[] = kinds.filter((kind) => kind.hasProgress);
export const resultKinds: readonly Kind[] = kinds.filter((kind) => kind.hasResult);

/** Narrows an operation of a progress kind. */
export function asProgress(op: AnyOp): ProgressOp {
  return op as ProgressOp;
}
