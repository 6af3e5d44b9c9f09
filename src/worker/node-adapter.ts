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
  ref?(): void;
  unref?(): void;
  close?(): void;
}
/** The part of `node:worker_threads` the adapter uses. */
export interface WorkerThreads {
  readonly Worker: new (url: string | URL, options?: object) => NodeWorker;
  readonly MessageChannel: new () => { port1: NodePort; port2: NodePort };
  readonly MessagePort: abstract new () => NodePort;
  readonly parentPort: NodePort | null;
  readonly receiveMessageOnPort?: (port: NodePort) => { message: unknown } | undefined;
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
    spawn(url: string | URL, options: SpawnOptions, events: WorkerEvents, init: (port: Transferable) => unknown[]): WorkerHandle {
      const worker = new threads.Worker(url, {
        workerData: { [MARKER]: 1 },
        ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      const { port1: port, port2 } = new threads.MessageChannel();
      worker.postMessage(init(port2), [port2]);
      worker.unref();
      // The port, like the worker, keeps the process alive only while the pool says so (ref/unref below).
      port.unref?.();
      let exited: Promise<void> | undefined;
      port.on("message", (data: unknown) => events.message(data));
      worker.on("message", (data: unknown) => events.stray(data));
      // The records live on their own port, so a crash event can overtake what the thread posted just before it
      // died (a result, then a throw in a timer): take those first, in order, so a finished task keeps its result.
      const crash = (cause: unknown): void => {
        let entry: { message: unknown } | undefined;
        while ((entry = threads.receiveMessageOnPort?.(port)) !== undefined) events.message(entry.message);
        events.crash(cause);
      };
      worker.on("error", (error: unknown) => crash(error));
      worker.on("messageerror", (error: unknown) => crash(error));
      worker.on("exit", (code: number) => {
        const error = new Error(`The worker thread exited with code ${code}.`);
        Object.defineProperty(error, "exitCode", { value: code, enumerable: true });
        crash(error);
      });
      return {
        post: (message, transfer) => port.postMessage(message, transfer),
        terminate: () => {
          port.close?.();
          return (exited ??= worker.terminate().then(
            () => undefined,
            () => undefined,
          ));
        },
        ref: () => {
          worker.ref();
          port.ref?.();
        },
        unref: () => {
          worker.unref();
          port.unref?.();
        },
      };
    },
    check(url: string | URL): void {
      // A string is a path (absolute, or relative to the working directory, as Node's Worker takes it); a file:
      // URL names one too. Other URLs (data:) are left to the Worker.
      let path: string | undefined;
      if (typeof url === "string") {
        path = url;
      } else if (url.protocol === "file:") {
        const nodeUrl = builtin("node:url") as { fileURLToPath(url: URL): string } | undefined;
        path = nodeUrl?.fileURLToPath(url);
      }
      if (path === undefined) return;
      const fs = builtin("node:fs") as { existsSync(path: string): boolean } | undefined;
      const nodePath = builtin("node:path") as { resolve(path: string): string } | undefined;
      if (fs === undefined || nodePath === undefined) return;
      const absolute = nodePath.resolve(path);
      if (!fs.existsSync(absolute)) {
        const relative = absolute !== path && typeof url === "string";
        throw new TypeError(
          `WorkerPool found no module at ${JSON.stringify(absolute)}${relative ? ` (${JSON.stringify(url)} is resolved against the working directory, ${JSON.stringify(nodePath.resolve("."))})` : ""}`,
        );
      }
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
  const parent = threads.parentPort;
  const data = threads.workerData as Record<string, unknown> | null | undefined;
  if (parent === null || data?.[MARKER] !== 1) return undefined;
  return {
    listen: (onMessage) => parent.on("message", onMessage),
    adopt: (value) => {
      if (!(value instanceof threads.MessagePort)) return undefined;
      const port = value;
      return {
        post: (message, transfer) => port.postMessage(message, transfer),
        listen: (onMessage) => port.on("message", onMessage),
      };
    },
  };
}
