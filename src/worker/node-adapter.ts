// The Node adapter: worker threads from `node:worker_threads`, reached through `process.getBuiltinModule` (Node
// 20.16+, Deno, Bun) so that no entry of the package imports a Node module statically (browser bundles stay clean).
import type { HostAdapter, SpawnOptions, WorkerEndpoint, WorkerEvents, WorkerHandle } from "./endpoint.js";

// The few members used, typed here: the package compiles without Node's type definitions.
interface NodeWorker {
  postMessage(value: unknown, transferList?: readonly Transferable[]): void;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
  on(event: string, listener: (arg: never) => void): void;
}
interface NodePort {
  postMessage(value: unknown, transferList?: readonly Transferable[]): void;
  on(event: "message", listener: (value: unknown) => void): void;
}
/** The part of `node:worker_threads` the adapter uses. */
export interface WorkerThreads {
  readonly Worker: new (url: string | URL, options?: object) => NodeWorker;
  readonly parentPort: NodePort | null;
  readonly workerData: unknown;
}

/**
 * Marks the threads a pool starts (their `workerData`), so that `expose` answers only a pool: a task module
 * imported by some other worker thread (a test runner's, another library's) registers nothing there.
 */
const MARKER = "winrt-async/worker";

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

function builtin(id: string): unknown {
  const proc = (globalThis as { process?: NodeProcess }).process;
  return typeof proc?.getBuiltinModule === "function" ? proc.getBuiltinModule(id) : undefined;
}

/** `node:worker_threads`, or undefined where the runtime has no `process.getBuiltinModule` (browsers). */
export function nodeWorkerThreads(): WorkerThreads | undefined {
  const module = builtin("node:worker_threads") as WorkerThreads | undefined;
  return typeof module?.Worker === "function" ? module : undefined;
}

/** Host side: one `Worker` per pool thread, unref'd while it holds no task. */
export function nodeHostAdapter(threads: WorkerThreads): HostAdapter {
  return {
    spawn(url: string | URL, options: SpawnOptions, events: WorkerEvents): WorkerHandle {
      const worker = new threads.Worker(url, {
        workerData: { [MARKER]: 1 },
        ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      worker.unref();
      let exited: Promise<void> | undefined;
      worker.on("message", (data: unknown) => events.message(data));
      worker.on("error", (error: unknown) => events.crash(error));
      worker.on("messageerror", (error: unknown) => events.crash(error));
      worker.on("exit", (code: number) => {
        const error = new Error(`The worker thread exited with code ${code}.`);
        Object.defineProperty(error, "exitCode", { value: code, enumerable: true });
        events.crash(error);
      });
      return {
        post: (message, transfer) => worker.postMessage(message, transfer),
        terminate: () =>
          (exited ??= worker.terminate().then(
            () => undefined,
            () => undefined,
          )),
        ref: () => worker.ref(),
        unref: () => worker.unref(),
      };
    },
    defaultSize(): number {
      const os = builtin("node:os") as { availableParallelism?(): number; cpus?(): unknown[] } | undefined;
      const cores = os?.availableParallelism?.() ?? os?.cpus?.().length ?? 2;
      return Math.max(1, cores - 1);
    },
  };
}

/** Worker side: the thread's `parentPort`, or undefined on the main thread and in threads no pool started. */
export function nodeWorkerEndpoint(threads: WorkerThreads): WorkerEndpoint | undefined {
  const port = threads.parentPort;
  const data = threads.workerData as Record<string, unknown> | null | undefined;
  if (port === null || data?.[MARKER] !== 1) return undefined;
  return {
    post: (message, transfer) => port.postMessage(message, transfer),
    listen: (onMessage) => port.on("message", onMessage),
  };
}
