// What the pool and the worker runtime need from a platform: the adapters (Node `worker_threads`, browser module
// workers) implement these; the protocol code never touches a platform object directly. Import-free.

/** The host's handle on one worker thread. */
export interface WorkerHandle {
  /** Posts one message (a batch of records) with its transfer list. Throws what `postMessage` throws. */
  post(message: unknown[], transfer: Transferable[]): void;
  /** Ends the thread; resolves once it is gone. Never rejects. */
  terminate(): Promise<void>;
  /** Keep the process alive while the worker holds tasks (Node); no-op where that does not apply. */
  ref(): void;
  /** Let the process exit while the worker is idle (Node); no-op where that does not apply. */
  unref(): void;
}

/** What a host adapter reports about a worker. */
export interface WorkerEvents {
  /** A message (a batch of records) arrived over the pool's private channel. */
  message(data: unknown): void;
  /**
   * A message arrived through the worker's own channel (`parentPort.postMessage`, `self.postMessage`): never the
   * pool's runtime, which answers only over the private channel; task code posted it.
   */
  stray(data: unknown): void;
  /**
   * The worker is gone or unusable: an uncaught error (a throw in a timer, a module that failed to load, out of
   * memory), an exit (`process.exit`, termination), a message that could not be deserialized. `cause` says what.
   */
  crash(cause: unknown): void;
}

/** Options a host adapter understands. */
export interface SpawnOptions {
  /** Node's `resourceLimits`; ignored by browsers. */
  readonly resourceLimits?: object | undefined;
  /** A name for debugging tools. */
  readonly name?: string | undefined;
}

/** Starts workers on one platform. */
export interface HostAdapter {
  /**
   * Starts a worker and a private `MessageChannel` to it: `init(port)` builds the first message, which goes through
   * the worker's own channel with `port` transferred; `post` and `events.message` use the other port from then on.
   */
  spawn(url: string | URL, options: SpawnOptions, events: WorkerEvents, init: (port: Transferable) => unknown[]): WorkerHandle;
  /** Throws `TypeError` when `url` names a module this platform can tell is missing (Node: a path). */
  check(url: string | URL): void;
  /** The default pool size: available parallelism minus one (the host's own thread), at least 1. */
  defaultSize(): number;
}

/** One side of a message channel. */
export interface Channel {
  post(message: unknown[], transfer: Transferable[]): void;
  listen(onMessage: (data: unknown) => void): void;
}

/** The worker's side: its own channel to the host (where `INIT` arrives), and the private port it hands over. */
export interface WorkerEndpoint {
  /** Listens on the worker's own channel (`parentPort`, `self`). */
  listen(onMessage: (data: unknown) => void): void;
  /** The private channel over `port` (from `INIT`), or undefined when `port` is not a message port. */
  adopt(port: unknown): Channel | undefined;
}
