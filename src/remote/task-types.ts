// Task typing shared by every place a task can run away from its caller (worker threads, browser workers,
// BullMQ): a `Tasks` object of `(input, ctx) => result` functions is the single source of the names, inputs,
// results and progress types that the host side (`WorkerPool.run`, `JobClient.run`) accepts and returns.
import type { AsyncProgressContext } from "../types.js";

/**
 * One task: a function of its input and, optionally, the body context (`AsyncProgressContext<TProgress>`, the
 * very `ctx` that `AsyncOperationWithProgress.run` hands a body), returning a value or a promise of one.
 * `any` in the parameters keeps every concrete task signature assignable to this one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskFunction = (input: any, ctx: AsyncProgressContext<any>) => unknown;

/**
 * An object of tasks, as `expose(tasks)` registers it: `export type Tasks = typeof tasks` types the host.
 * Object literal types satisfy the index signature without declaring one.
 */
export type TaskMap = Readonly<Record<string, TaskFunction>>;

/** The names of `T`'s tasks (string keys whose value is a function). */
export type TaskName<T> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof T]-?: K extends string ? (T[K] extends (...args: any[]) => unknown ? K : never) : never;
}[keyof T];

/** The input type of task `N` (its first parameter; `undefined` for a task without parameters). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskInput<T, N extends TaskName<T>> = T[N] extends (...args: infer A) => any
  ? A extends readonly [] ? undefined : A[0]
  : never;

/** The result type of task `N`: what its returned value or promise resolves to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskResult<T, N extends TaskName<T>> = T[N] extends (...args: any[]) => infer R ? Awaited<R> : never;

/**
 * The progress type of task `N`: `P` when its second parameter is an `AsyncProgressContext<P>`; `never` when the
 * task takes no `ctx` or takes one that cannot report (an `AsyncContext`), so reporting it is a compile error.
 */
export type TaskProgress<T, N extends TaskName<T>> = ProgressOfFunction<T[N]>;

// A one-parameter function is assignable to a two-parameter type, with `C` then inferred as `unknown`: such a
// task has no ctx and reports nothing. `[C] extends [...]` keeps a union or `any` context from distributing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProgressOfFunction<F> = F extends (input: any, ctx: infer C) => unknown
  ? unknown extends C
    ? never
    : [C] extends [{ report(progress: infer P): void }]
      ? P
      : never
  : never;

/**
 * The arguments of `run(name, ...)` after the name: `input` is optional when the task accepts `undefined` (a
 * task without parameters), required otherwise; `options` always optional.
 */
export type TaskArguments<T, N extends TaskName<T>, O> = undefined extends TaskInput<T, N>
  ? [input?: TaskInput<T, N>, options?: O]
  : [input: TaskInput<T, N>, options?: O];

