// The server side of winrt-async/http (DESIGN 4.6): a Fetch-API handler that starts tasks, streams their events,
// answers snapshots and takes cancels. It is written against `Request`/`Response` only, so Deno.serve, Bun.serve,
// Hono and Next.js take it as is and Node takes it through a Fetch-to-Node bridge; no HTTP is parsed here.
import { AsyncError, DisconnectedError } from "../errors.js";
import { HResult } from "../hresult.js";
import { AsyncStatus } from "../status.js";
import { describe } from "../describe.js";
import { asyncDisposeSymbol } from "../symbols.js";
import type { TaskMap } from "../remote/task-types.js";
import { newOperationId } from "./operation-id.js";
import { readBody } from "./read-body.js";
import { makeRunner, type EdgeOperation, type JobRunner, type PoolRunner, type Runner } from "./runner.js";
import { OperationEntry, withoutStacks, type EntryOwner, type Watcher } from "./operation-entry.js";
import { encodeError } from "../remote/error-envelope.js";
import { EVENT_STREAM, HEADER, HTTP_STATUS, JSON_MEDIA_TYPE, OPERATION_ID_PATTERN } from "./protocol.js";

/** What a request asks to do, as `authorize` sees it. */
export type OperationAction =
  | {
      /** POST: start a task. */
      readonly kind: "run";
      /** The task's name, as the body gave it (not yet looked up). */
      readonly task: string;
    }
  | {
      /** GET: the event stream or a snapshot. */
      readonly kind: "watch";
      /** The operation id from the path (not yet looked up). */
      readonly id: string;
    }
  | {
      /** DELETE: cancel. */
      readonly kind: "cancel";
      /** The operation id from the path (not yet looked up). */
      readonly id: string;
    };

/** Options of `operationsHandler`. */
export interface OperationsHandlerOptions {
  /**
   * Where bodies run: in this process (undefined, the default), a `WorkerPool` (threads of this process), or a
   * `JobClient` (consumers anywhere, through BullMQ). With a `JobClient` the HTTP id is the job id and the edge
   * keeps no state of its own: any instance (or this one after a restart) serves any id.
   */
  readonly runner?: PoolRunner | JobRunner | undefined;
  /**
   * Called for every request that names an action, before anything is looked up: `{ kind: "run", task }`,
   * `{ kind: "watch", id }` (GET, stream or snapshot), `{ kind: "cancel", id }`. Anything but `true` (or a
   * promise of it), or a throw, refuses with 403. Default: every request is allowed.
   */
  readonly authorize?: ((request: Request, action: OperationAction) => boolean | Promise<boolean>) | undefined;
  /** The largest POST body taken, in bytes; longer ones get 413 without being read further. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined;
  /** How long an ended operation stays readable for late watchers, in ms. Default 300,000 (5 minutes). */
  readonly retainMs?: number | undefined;
  /** How many ended operations are kept at most (the oldest go first). Default 10,000. */
  readonly maxRetained?: number | undefined;
  /**
   * An operation nobody watches (no open stream) for this long is canceled, in ms; a snapshot GET counts as a look
   * and restarts the clock. Default 30,000; `Infinity` keeps it running.
   */
  readonly orphanTimeoutMs?: number | undefined;
  /** How often an idle stream gets a comment line so proxies keep it open, in ms. Default 15,000; 0 turns it off. */
  readonly heartbeatMs?: number | undefined;
  /** Whether error envelopes keep the server's stacks. Default false: stacks never leave the server. */
  readonly exposeStack?: boolean | undefined;
  /**
   * The path the handler is mounted at (for example `"/ops"`): POST goes to it, GET and DELETE to `{basePath}/{id}`,
   * other paths get 404, and `Location` is built on it. Default: taken from each request (POST: its path; GET and
   * DELETE: the path minus its last segment, which is the id), which suits a handler mounted anywhere.
   */
  readonly basePath?: string | undefined;
}

/**
 * A Fetch-API handler, `(request) => Promise<Response>`, also reachable as `handler.fetch` (so `Bun.serve(handler)`,
 * `export default handler` and `{ fetch: handler.fetch }` all work), with `close()`.
 */
export interface OperationsHandler {
  (request: Request): Promise<Response>;
  /** The handler itself. */
  readonly fetch: (request: Request) => Promise<Response>;
  /**
   * Stops serving: later requests get 503; open streams end; operations started here that are still running are
   * canceled, except with a `JobClient` runner, whose jobs go on (another instance, or this one restarted, serves
   * them). Timers are cleared. Does not close the runner. Idempotent; never rejects.
   */
  close(): Promise<void>;
  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const MiB = 1024 * 1024;

/**
 * Serves `tasks` (the object `expose`/`serve` take; names are looked up among its own function properties only)
 * over HTTP with the protocol of DESIGN 4.6 (docs/guides/http.md): `POST {base}` starts a task (201, `Location`, JSON
 * `{ id, status }` or, with `Accept: text/event-stream`, the event stream), `GET {base}/{id}` gives the event stream
 * (resumable with `Last-Event-ID`) or a JSON snapshot, `DELETE {base}/{id}` cancels (202). Refusals are JSON
 * `{ error: envelope }` with 400, 403, 404, 405, 413 or 415. The handler never throws and never answers 5xx for
 * bad input.
 *
 * Throws `TypeError` (synchronously) when `tasks` is not an object or an option has the wrong type, `RangeError`
 * for a negative or non-integer size or time.
 */
export function operationsHandler(tasks: object, options: OperationsHandlerOptions = {}): OperationsHandler {
  if (typeof tasks !== "object" || tasks === null) {
    throw new TypeError(`operationsHandler expects an object of tasks, got ${describe(tasks)}`);
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`operationsHandler options must be an object, got ${describe(options)}`);
  }
  const server = new Edge(tasks as TaskMap, options);
  const handler = ((request: Request) => server.handle(request)) as OperationsHandler & {
    fetch: OperationsHandler["fetch"];
  };
  Object.defineProperties(handler, {
    fetch: { value: handler, enumerable: true },
    close: { value: () => server.close(), enumerable: true },
    [asyncDisposeSymbol]: { value: () => server.close() },
  });
  return handler;
}

function readTime(value: unknown, name: string, fallback: number, infinite: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`operationsHandler options.${name} must be a number, got ${describe(value)}`);
  if (value === Infinity && infinite) return value;
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
    throw new RangeError(
      `operationsHandler options.${name} must be a non-negative integer${infinite ? " or Infinity" : ""}, got ${value}`,
    );
  }
  return value;
}

class Edge implements EntryOwner {
  readonly exposeStack: boolean;
  private readonly tasks: TaskMap;
  private readonly runner: Runner;
  private readonly authorize: OperationsHandlerOptions["authorize"];
  private readonly maxBodyBytes: number;
  private readonly retainMs: number;
  private readonly maxRetained: number;
  private readonly orphanTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly basePath: string | undefined;
  private readonly entries = new Map<string, OperationEntry>();
  /** Ended entries in the order they ended (which is also the order they expire in). */
  private readonly retained = new Map<string, OperationEntry>();
  private retainTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private readonly idle = new Set<Watcher>();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined = undefined;
  private closed = false;

  constructor(tasks: TaskMap, options: OperationsHandlerOptions) {
    this.tasks = tasks;
    this.runner = makeRunner(tasks, options.runner);
    const authorize = options.authorize;
    if (authorize !== undefined && typeof authorize !== "function") {
      throw new TypeError(`operationsHandler options.authorize must be a function, got ${describe(authorize)}`);
    }
    this.authorize = authorize;
    this.maxBodyBytes = readTime(options.maxBodyBytes, "maxBodyBytes", MiB, false);
    this.retainMs = readTime(options.retainMs, "retainMs", 300_000, true);
    this.maxRetained = readTime(options.maxRetained, "maxRetained", 10_000, false);
    this.orphanTimeoutMs = readTime(options.orphanTimeoutMs, "orphanTimeoutMs", 30_000, true);
    this.heartbeatMs = readTime(options.heartbeatMs, "heartbeatMs", 15_000, true);
    const exposeStack = options.exposeStack ?? false;
    if (typeof exposeStack !== "boolean") {
      throw new TypeError(`operationsHandler options.exposeStack must be a boolean, got ${describe(exposeStack)}`);
    }
    this.exposeStack = exposeStack;
    const basePath = options.basePath;
    if (basePath !== undefined && typeof basePath !== "string") {
      throw new TypeError(`operationsHandler options.basePath must be a string, got ${describe(basePath)}`);
    }
    this.basePath = basePath === undefined ? undefined : trimSlashes(basePath);
  }

  async handle(request: Request): Promise<Response> {
    try {
      if (this.closed) {
        return refusal(503, new DisconnectedError("The operations handler was closed."));
      }
      const path = trimSlashes(pathOf(request.url));
      const method = request.method;
      const base = this.basePath;
      if (method === "POST") {
        if (base !== undefined && path !== base) return notFound("No operations are served at this path.");
        return await this.post(request, path);
      }
      if (method !== "GET" && method !== "DELETE") {
        return refusal(HTTP_STATUS.methodNotAllowed, invalid(`Method ${method} is not taken here.`), {
          [HEADER.allow]: "GET, POST, DELETE",
        });
      }
      const slash = path.lastIndexOf("/");
      if (base !== undefined && path.slice(0, Math.max(slash, 0)) !== base) {
        return notFound("No operations are served at this path.");
      }
      const id = path.slice(slash + 1);
      if (method === "GET") return await this.get(request, id);
      return await this.cancel(request, id);
    } catch (error) {
      // A bug of ours, or a hostile runtime object: never a crash, never a stack.
      return refusal(500, new AsyncError("The operations handler failed.", { cause: error }), undefined, this.exposeStack);
    }
  }

  private async allowed(request: Request, action: OperationAction): Promise<boolean> {
    if (this.authorize === undefined) return true;
    try {
      return (await this.authorize(request, action)) === true;
    } catch {
      return false;
    }
  }

  private async post(request: Request, path: string): Promise<Response> {
    const type = request.headers.get(HEADER.contentType);
    if (type?.split(";")[0]!.trim().toLowerCase() !== JSON_MEDIA_TYPE) {
      await request.body?.cancel().catch(() => undefined);
      return refusal(HTTP_STATUS.unsupportedMediaType, invalid(`A POST body must be ${JSON_MEDIA_TYPE}.`));
    }
    const text = await readBody(request, this.maxBodyBytes);
    if (typeof text !== "string" && text.problem === "too-large") {
      return refusal(HTTP_STATUS.payloadTooLarge, invalid(`The body is longer than ${this.maxBodyBytes} bytes.`));
    }
    if (typeof text !== "string") return refusal(HTTP_STATUS.badRequest, invalid("The body is not UTF-8."));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refusal(HTTP_STATUS.badRequest, invalid("The body is not JSON."));
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return refusal(HTTP_STATUS.badRequest, invalid('The body must be a JSON object { "task": name, "input": value }.'));
    }
    // Own properties only: a parsed "__proto__" key is an own data property, and nothing is read through prototypes.
    const task = Object.getOwnPropertyDescriptor(body, "task")?.value as unknown;
    if (typeof task !== "string") return refusal(HTTP_STATUS.badRequest, invalid('"task" must be a string.'));
    const input = Object.getOwnPropertyDescriptor(body, "input")?.value as unknown;
    if (this.authorize !== undefined && !(await this.allowed(request, { kind: "run", task }))) return forbidden();
    if (!this.isTask(task)) return notFound(`No task named ${JSON.stringify(task.slice(0, 100))}.`);
    if (this.closed) return refusal(503, new DisconnectedError("The operations handler was closed."));
    const id = newOperationId();
    const entry = new OperationEntry(id, this);
    let op: EdgeOperation;
    try {
      op = this.runner.start(task, input, id, entry.progressed);
    } catch (error) {
      // The runner refused the input (a JobClient takes JSON only, ...) or is closed.
      const bad = error instanceof TypeError || error instanceof RangeError;
      return refusal(bad ? HTTP_STATUS.badRequest : 503, error, undefined, this.exposeStack);
    }
    this.entries.set(id, entry);
    entry.follow(op);
    const location = `${this.basePath ?? path}/${id}`;
    if (wantsStream(request)) {
      return eventStream(entry.stream(undefined), HTTP_STATUS.created, location);
    }
    if (entry.watchers.length === 0 && entry.terminalName === undefined) this.unwatched(entry);
    return json(HTTP_STATUS.created, `{"id":"${id}","status":"${entry.status}"}`, {
      [HEADER.location]: location,
    });
  }

  private isTask(name: string): boolean {
    try {
      const descriptor = Object.getOwnPropertyDescriptor(this.tasks, name);
      return descriptor !== undefined && typeof descriptor.value === "function";
    } catch {
      return false;
    }
  }

  private async find(id: string): Promise<OperationEntry | undefined> {
    if (!OPERATION_ID_PATTERN.test(id)) return undefined;
    const entry = this.entries.get(id);
    if (entry !== undefined || this.runner.attach === undefined) return entry;
    // A JobClient runner: the job may have been started by another instance, or before a restart.
    const fresh = new OperationEntry(id, this);
    const found = await this.runner.attach(id, fresh.progressed);
    if (found === undefined) return undefined;
    const again = this.entries.get(id); // another request attached it meanwhile
    if (again !== undefined) return again;
    this.entries.set(id, fresh);
    fresh.follow(found.op);
    return fresh;
  }

  private async get(request: Request, id: string): Promise<Response> {
    const stream = wantsStream(request);
    let lastEventId: number | undefined;
    if (stream) {
      const header = request.headers.get(HEADER.lastEventId);
      if (header !== null && header.trim() !== "") {
        if (!/^\d{1,15}$/.test(header.trim())) {
          return refusal(HTTP_STATUS.badRequest, invalid("Last-Event-ID must be a decimal integer."));
        }
        lastEventId = Number(header.trim());
      }
    }
    if (this.authorize !== undefined && !(await this.allowed(request, { kind: "watch", id }))) return forbidden();
    const entry = await this.find(id);
    if (entry === undefined) return notFound(`No operation with id ${JSON.stringify(id.slice(0, 100))}.`);
    if (stream) return eventStream(entry.stream(lastEventId), HTTP_STATUS.ok, undefined);
    const text = entry.snapshot();
    // A look counts: an operation polled by snapshots is not an orphan.
    if (entry.watchers.length === 0 && entry.terminalName === undefined) this.unwatched(entry);
    this.forgetIfStateless(entry);
    return json(HTTP_STATUS.ok, text);
  }

  private async cancel(request: Request, id: string): Promise<Response> {
    if (this.authorize !== undefined && !(await this.allowed(request, { kind: "cancel", id }))) return forbidden();
    const entry = await this.find(id);
    if (entry === undefined) return notFound(`No operation with id ${JSON.stringify(id.slice(0, 100))}.`);
    entry.op?.cancel();
    this.forgetIfStateless(entry);
    return json(HTTP_STATUS.accepted, `{"id":"${id}","status":"${entry.status}"}`);
  }

  // ---- EntryOwner ----------------------------------------------------------------------------------------

  unwatched(entry: OperationEntry): void {
    if (entry.terminalName !== undefined) {
      this.forgetIfStateless(entry);
      return;
    }
    clearTimeout(entry.orphanTimer);
    entry.orphanTimer = undefined;
    if (this.orphanTimeoutMs === Infinity || this.closed) return;
    entry.orphanTimer = unref(setTimeout(() => {
      entry.orphanTimer = undefined;
      if (entry.watchers.length === 0) entry.op?.cancel();
    }, this.orphanTimeoutMs));
  }

  watched(entry: OperationEntry): void {
    clearTimeout(entry.orphanTimer);
    entry.orphanTimer = undefined;
  }

  ended(entry: OperationEntry): void {
    clearTimeout(entry.orphanTimer);
    entry.orphanTimer = undefined;
    if (this.runner.stateless) {
      this.forgetIfStateless(entry);
      return;
    }
    if (this.entries.get(entry.id) !== entry) return;
    this.retained.set(entry.id, entry);
    while (this.retained.size > this.maxRetained) this.drop(this.retained.keys().next().value!);
    this.scheduleRetention();
  }

  waiting(watcher: Watcher, waiting: boolean): void {
    if (this.heartbeatMs === 0 || this.heartbeatMs === Infinity) return;
    if (!waiting) {
      this.idle.delete(watcher);
      return;
    }
    this.idle.add(watcher);
    this.heartbeatTimer ??= unref(
      setInterval(() => {
        if (this.idle.size === 0) {
          clearInterval(this.heartbeatTimer);
          this.heartbeatTimer = undefined;
          return;
        }
        for (const idle of this.idle) {
          const wake = idle.wake;
          if (wake === null) continue;
          idle.wake = null;
          idle.heartbeat = true;
          wake();
        }
        this.idle.clear();
      }, this.heartbeatMs),
    );
  }

  // ---- retention -----------------------------------------------------------------------------------------

  /** With a JobClient the edge keeps nothing once nobody watches an ended (or attached, unwatched) operation. */
  private forgetIfStateless(entry: OperationEntry): void {
    if (!this.runner.stateless || entry.watchers.length > 0) return;
    if (entry.terminalName === undefined && entry.orphanTimer !== undefined) return; // the orphan clock runs here
    if (this.entries.get(entry.id) === entry) this.entries.delete(entry.id);
  }

  private drop(id: string): void {
    this.retained.delete(id);
    this.entries.delete(id);
  }

  private scheduleRetention(): void {
    if (this.retainTimer !== undefined || this.retained.size === 0 || this.retainMs === Infinity) return;
    const oldest = this.retained.values().next().value!;
    const wait = Math.max(0, oldest.endedAt + this.retainMs - Date.now());
    this.retainTimer = unref(
      setTimeout(() => {
        this.retainTimer = undefined;
        const now = Date.now();
        for (const [id, entry] of this.retained) {
          if (entry.endedAt + this.retainMs > now) break;
          this.drop(id);
        }
        this.scheduleRetention();
      }, wait),
    );
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    clearTimeout(this.retainTimer);
    clearInterval(this.heartbeatTimer);
    this.retainTimer = this.heartbeatTimer = undefined;
    this.idle.clear();
    for (const entry of this.entries.values()) {
      clearTimeout(entry.orphanTimer);
      entry.orphanTimer = undefined;
      entry.closeStreams();
      if (!this.runner.stateless && entry.op?.status === AsyncStatus.started) entry.op.cancel();
    }
    this.entries.clear();
    this.retained.clear();
    return Promise.resolve();
  }

  [asyncDisposeSymbol](): Promise<void> {
    return this.close();
  }
}

// ---- responses -------------------------------------------------------------------------------------------

/**
 * The path of an absolute URL (`request.url` always is one), without parsing the whole URL: what follows the
 * authority, up to `?` or `#`. Percent-escapes stay as they are (an id never has any; other paths are 404).
 */
function pathOf(url: string): string {
  const scheme = url.indexOf("://");
  const start = url.indexOf("/", scheme < 0 ? 0 : scheme + 3);
  if (start < 0) return "";
  let end = url.length;
  const query = url.indexOf("?", start);
  if (query >= 0) end = query;
  const hash = url.indexOf("#", start);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(start, end);
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

function wantsStream(request: Request): boolean {
  const accept = request.headers.get(HEADER.accept);
  return accept?.toLowerCase().includes(EVENT_STREAM) === true;
}

function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

function json(status: number, body: string, headers?: Record<string, string>): Response {
  return new Response(body, {
    status,
    headers: { [HEADER.contentType]: JSON_MEDIA_TYPE, [HEADER.cacheControl]: "no-store", ...headers },
  });
}

function eventStream(body: ReadableStream<Uint8Array>, status: number, location: string | undefined): Response {
  const headers: Record<string, string> = {
    [HEADER.contentType]: `${EVENT_STREAM}; charset=utf-8`,
    [HEADER.cacheControl]: "no-cache, no-transform",
    // nginx buffers proxied responses unless told not to; an event stream must flow.
    "x-accel-buffering": "no",
  };
  if (location !== undefined) headers[HEADER.location] = location;
  return new Response(body, { status, headers });
}

function invalid(message: string): AsyncError {
  return new AsyncError(message, { hresult: HResult.E_INVALIDARG });
}

function forbidden(): Response {
  return refusal(HTTP_STATUS.forbidden, new AsyncError("Refused.", { hresult: HResult.E_ACCESSDENIED }));
}

function notFound(message: string): Response {
  return refusal(HTTP_STATUS.notFound, new AsyncError(message, { hresult: HResult.ERROR_NOT_FOUND }));
}

function refusal(status: number, error: unknown, headers?: Record<string, string>, exposeStack = false): Response {
  const envelope = encodeError(error);
  return json(status, JSON.stringify({ error: exposeStack ? envelope : withoutStacks(envelope) }), headers);
}
