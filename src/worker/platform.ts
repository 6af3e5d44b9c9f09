// Picks the adapter of the running platform: Node's worker_threads where `process.getBuiltinModule` reaches them,
// else the Web Workers of browsers (and Deno).
import { browserHostAdapter, browserWorkerConstructor, browserWorkerEndpoint } from "./browser-adapter.js";
import type { HostAdapter, WorkerEndpoint } from "./endpoint.js";
import { nodeHostAdapter, nodeWorkerEndpoint, nodeWorkerThreads } from "./node-adapter.js";

/** The host adapter of this platform. Throws `TypeError` where there are no workers at all. */
export function hostAdapter(): HostAdapter {
  const threads = nodeWorkerThreads();
  if (threads !== undefined) return nodeHostAdapter(threads);
  const Worker = browserWorkerConstructor();
  if (Worker !== undefined) return browserHostAdapter(Worker);
  throw new TypeError(
    "WorkerPool needs node:worker_threads (Node 20.16 or later, through process.getBuiltinModule) or Web Workers.",
  );
}

/** This thread's channel to its host, or undefined when it is not a worker (or, in Node, not one a pool made). */
export function workerEndpoint(): WorkerEndpoint | undefined {
  const threads = nodeWorkerThreads();
  // A Node thread (Deno and Bun emulate worker_threads too) answers through its parentPort if a pool made it;
  // otherwise a web worker's global scope, if this is one.
  if (threads?.parentPort != null) return nodeWorkerEndpoint(threads);
  return browserWorkerEndpoint();
}
