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
  /** A message (a batch of records) arrived. */
  message(data: unknown): void;
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
  spawn(url: string | URL, options: SpawnOptions, events: WorkerEvents): WorkerHandle;
  /** The default pool size: available parallelism minus one (the host's own thread), at least 1. */
  defaultSize(): number;
}

/** The worker's side of the channel to its host. */
export interface WorkerEndpoint {
  post(message: unknown[], transfer: Transferable[]): void;
  listen(onMessage: (data: unknown) => void): void;
}
