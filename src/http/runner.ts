// Where the bodies run, behind one small interface: in this process (the default), on a `WorkerPool`, or through a
// `JobClient` (another machine, over BullMQ). The edge never imports the worker or BullMQ modules: a runner is
// recognised by its methods, so `winrt-async/http` loads without the optional peers.
import { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { AsyncStatus } from "../status.js";
import type { AsyncProgressContext, Disposable } from "../types.js";
import type { TaskMap } from "../remote/task-types.js";

/** The operations the edge holds: any `AsyncOperationWithProgress` the runner returns. */
export type EdgeOperation = AsyncOperationWithProgress<unknown, unknown>;

/**
 * A `WorkerPool` as the edge sees it: `run(name, input)` returns an operation. Any object with such a `run` (and
 * no `attach`) is taken as one.
 */
export interface PoolRunner {
  // `any`: a pool of any `Tasks` returns operations of its own result and progress types.
  /** Starts task `name` on `input` and returns its operation at once. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(name: string, input?: unknown, options?: object): AsyncOperationWithProgress<any, any>;
}

/**
 * A `JobClient` as the edge sees it: `run(name, input, { job: { jobId } })` starts a job under the edge's id and
 * `attach(jobId)` follows a job that exists (made by any instance, before any restart).
 */
export interface JobRunner {
  /* eslint-disable @typescript-eslint/no-explicit-any -- a client of any `Tasks` returns its own operation types */
  /** Adds a job running task `name` on `input` under the id `options.job.jobId`; returns its operation at once. */
  run(name: string, input: unknown, options: { job: { jobId: string } }): AsyncOperationWithProgress<any, any>;
  /** An operation following the existing job `jobId`. */
  attach(jobId: string): AsyncOperationWithProgress<any, any>;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** How the handler starts an operation: `progressed` sees every value the body reports, from the first. */
export interface Runner {
  /** True for a JobClient: ids live in Redis, the edge keeps no state of its own. */
  readonly stateless: boolean;
  start(name: string, input: unknown, id: string, progressed: (value: unknown) => void): EdgeOperation;
  /**
   * A JobClient's existing job (wrapped: an operation is a thenable, which a promise would adopt), or undefined
   * when no such job exists. Only for stateless runners.
   */
  attach?(id: string, progressed: (value: unknown) => void): Promise<{ readonly op: EdgeOperation } | undefined>;
}

/** The runner for the `runner` option (undefined: in this process). Throws `TypeError` for anything else. */
export function makeRunner(tasks: TaskMap, runner: unknown): Runner {
  if (runner === undefined) return inProcess(tasks);
  if (typeof runner === "object" && runner !== null && typeof (runner as PoolRunner).run === "function") {
    const attach = (runner as Partial<JobRunner>).attach;
    if (typeof attach === "function") return jobs(runner as JobRunner);
    return pool(runner as PoolRunner);
  }
  throw new TypeError(
    `operationsHandler options.runner must be a WorkerPool or a JobClient (an object with run), got ${typeof runner}`,
  );
}

function inProcess(tasks: TaskMap): Runner {
  return {
    stateless: false,
    start(name, input, _id, progressed) {
      const task = tasks[name]!;
      // The body's ctx, with `report` also telling the edge: a value reported before `run` returns is kept (the
      // operation is not known yet while the body runs synchronously inside `run`).
      const made: { op?: EdgeOperation } = {};
      made.op = AsyncOperationWithProgress.run<unknown, unknown>((ctx) =>
        task(input, reporting(ctx, () => made.op, progressed)),
      );
      return made.op;
    },
  };
}

function reporting(
  ctx: AsyncProgressContext<unknown>,
  op: () => EdgeOperation | undefined,
  progressed: (value: unknown) => void,
): AsyncProgressContext<unknown> {
  return {
    get signal(): AbortSignal {
      return ctx.signal;
    },
    get canceled(): boolean {
      return ctx.canceled;
    },
    throwIfCanceled(): void {
      ctx.throwIfCanceled();
    },
    onCancel(callback: () => void): Disposable {
      return ctx.onCancel(callback);
    },
    report(value: unknown): void {
      // As `ctx.report` does: only while the operation is started (before `run` returned, it is).
      const current = op();
      if (current === undefined || current.status === AsyncStatus.started) progressed(value);
      ctx.report(value);
    },
  };
}

function listen(op: EdgeOperation, progressed: (value: unknown) => void): EdgeOperation {
  if (op.status === AsyncStatus.started) op.onProgress(progressed);
  return op;
}

function pool(runner: PoolRunner): Runner {
  return {
    stateless: false,
    start: (name, input, _id, progressed) => listen(runner.run(name, input), progressed),
  };
}

function jobs(runner: JobRunner): Runner {
  return {
    stateless: true,
    start: (name, input, id, progressed) => listen(runner.run(name, input, { job: { jobId: id } }), progressed),
    async attach(id, progressed): Promise<{ readonly op: EdgeOperation } | undefined> {
      // Subscribed before the job's state is read: the current progress, delivered once by that read, is kept.
      const op: EdgeOperation = listen(runner.attach(id), progressed);
      const client = runner as JobRunner & { jobExists?: (op: object) => Promise<boolean> };
      if (typeof client.jobExists === "function" && !(await client.jobExists(op))) return undefined;
      return { op };
    },
  };
}
