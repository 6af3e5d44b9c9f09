// The browser adapter: module workers (`new Worker(url, { type: "module" })`). A browser worker has no exit
// event; an uncaught error in it (a top-level throw, a module that fails to load, a throw in a timer) fires
// `error` on the Worker object, which the pool treats as a crash, as Node does an uncaught exception.
import type { HostAdapter, SpawnOptions, WorkerEndpoint, WorkerEvents, WorkerHandle } from "./endpoint.js";

interface BrowserWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: ErrorEventLike) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
}
interface ErrorEventLike {
  readonly message?: string;
  readonly filename?: string;
  readonly lineno?: number;
  readonly error?: unknown;
  preventDefault?(): void;
}
type WorkerConstructor = new (url: string | URL, options: { type: "module"; name?: string }) => BrowserWorker;
interface BrowserPort {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}
type ChannelConstructor = new () => { port1: BrowserPort; port2: BrowserPort };

function messageChannel(): ChannelConstructor {
  return (globalThis as unknown as { MessageChannel: ChannelConstructor }).MessageChannel;
}

/** The `Worker` constructor of this global scope, if there is one. */
export function browserWorkerConstructor(): WorkerConstructor | undefined {
  const ctor = (globalThis as { Worker?: unknown }).Worker;
  return typeof ctor === "function" ? (ctor as WorkerConstructor) : undefined;
}

/** Host side: module workers. */
export function browserHostAdapter(Worker: WorkerConstructor): HostAdapter {
  return {
    spawn(url: string | URL, options: SpawnOptions, events: WorkerEvents, init: (port: Transferable) => unknown[]): WorkerHandle {
      const worker = new Worker(url, options.name === undefined ? { type: "module" } : { type: "module", name: options.name });
      const { port1: port, port2 } = new (messageChannel())();
      worker.postMessage(init(port2), [port2]);
      port.onmessage = (event) => events.message(event.data);
      worker.onmessage = (event) => events.stray(event.data);
      worker.onerror = (event) => {
        // Handled here: the page does not also report it as its own error.
        event.preventDefault?.();
        events.crash(errorOf(event));
      };
      worker.onmessageerror = () => events.crash(new Error("A message from the worker could not be deserialized."));
      return {
        post: (message, transfer) => port.postMessage(message, transfer),
        terminate: () => {
          port.close();
          worker.terminate();
          return Promise.resolve();
        },
        ref: () => undefined,
        unref: () => undefined,
      };
    },
    check(): void {
      // A browser can tell a missing module only by loading it: a load failure ends the operations.
    },
    defaultSize(): number {
      const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
      return Math.max(1, (typeof cores === "number" ? cores : 2) - 1);
    },
  };
}

function errorOf(event: ErrorEventLike): Error {
  if (event.error instanceof Error) return event.error;
  const where = event.filename ? ` (${event.filename}:${event.lineno ?? 0})` : "";
  return new Error(
    event.message ? `${event.message}${where}` : `The worker failed (its module did not load or it threw)${where}.`,
  );
}

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

/** Worker side: this dedicated worker's global scope, or undefined outside a worker. */
export function browserWorkerEndpoint(): WorkerEndpoint | undefined {
  const scope = globalThis as unknown as Partial<WorkerScope> & { WorkerGlobalScope?: unknown; document?: unknown };
  if (
    scope.WorkerGlobalScope === undefined ||
    typeof scope.postMessage !== "function" ||
    typeof scope.addEventListener !== "function"
  ) {
    return undefined;
  }
  const self = scope as WorkerScope;
  const Port = (globalThis as { MessagePort?: abstract new () => BrowserPort }).MessagePort;
  return {
    listen: (onMessage) => self.addEventListener("message", (event) => onMessage(event.data)),
    adopt: (value) => {
      if (Port === undefined || !(value instanceof Port)) return undefined;
      const port = value;
      return {
        post: (message, transfer) => port.postMessage(message, transfer),
        listen: (onMessage) => {
          port.onmessage = (event) => onMessage(event.data);
        },
      };
    },
  };
}
