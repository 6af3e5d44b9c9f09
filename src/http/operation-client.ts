// The client side of winrt-async/http (DESIGN 4.6): operations that run on a server, held from a browser or any
// runtime with the Fetch API. Each operation is the worker pool's and the job client's kind of remote
// operation (the same engine, `instanceof` the root's classes), settled from the server's event stream.
import type { AsyncOperationWithProgress } from "../operations/async-operation-with-progress.js";
import { remoteOperationMaker, type RemoteOperation, type RemoteOwner } from "../remote/remote-operation.js";
import { DisconnectedError, IllegalMethodCallError } from "../errors.js";
import { describe } from "../describe.js";
import { readRunOptions } from "../options.js";
import { asyncDisposeSymbol } from "../symbols.js";
import type { RunOptions } from "../types.js";
import type { TaskArguments, TaskName, TaskProgress, TaskResult } from "../remote/task-types.js";
import { assertJson } from "../remote/json-value.js";
import { HttpWatch } from "./http-watch.js";
import { readEventStream } from "./event-stream.js";
import { backoffDelay, pause, readReconnect, type ReconnectOptions, type ReconnectPolicy } from "./reconnect-policy.js";
import { isTransient, refusalError, type RefusedRequest } from "./refusal.js";
import { EVENT_STREAM, HEADER, JSON_MEDIA_TYPE } from "./protocol.js";

/**
 * Headers in the forms the Fetch API's `Headers` constructor takes. Spelled out rather than the DOM's
 * `HeadersInit`, which a Node project without the DOM library does not have.
 */
export type HeaderValues = Headers | Record<string, string> | [string, string][];

/** Options of `new OperationClient(baseUrl, options)`. */
export interface OperationClientOptions {
  /**
   * Headers sent with every request (a bearer token, say), or a function returning them, called before each
   * request (so a refreshed token is used by reconnects and cancel retries). `Accept`, `Content-Type` and
   * `Last-Event-ID` are the client's own.
   */
  readonly headers?: HeaderValues | (() => HeaderValues | Promise<HeaderValues>) | undefined;
  /** The `fetch` to use (a wrapper adding credentials, a test double of the network). Default `globalThis.fetch`. */
  readonly fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  /** How a dropped event stream is resumed: `{ limit, delayMs, maxDelayMs }`. Default `{ limit: 5, delayMs: 250, maxDelayMs: 5000 }`. */
  readonly reconnect?: ReconnectOptions | undefined;
}

/** Options of `client.run`: a linked `signal` (aborting it cancels) and a `description`. */
export type HttpRunOptions = RunOptions;

/** An operation held over HTTP: an `AsyncOperationWithProgress` that also carries the server's id of it. */
export type HttpOperation<TResult, TProgress> = AsyncOperationWithProgress<TResult, TProgress> & {
  /**
   * The server's id of the operation (the capability to watch and cancel it; keep it to `attach` later). Known
   * at once for `attach`; for `run`, `undefined` until the server's answer arrives (one round trip).
   */
  readonly operationId: string | undefined;
};

const SSE = EVENT_STREAM;

/**
 * The client of an `operationsHandler` mounted at `baseUrl`: runs its tasks and hands back an operation per
 * run, with status, progress, cancel and errors rebuilt, as a `WorkerPool` or a `JobClient` does. Typed from
 * the very `tasks` object the server runs: `new OperationClient<typeof tasks>(url)` (a type-only import).
 * Needs the optional peer dependency `eventsource-parser`.
 */
export class OperationClient<Tasks> {
  /** The base URL, absolute, without a trailing slash: `POST` here, `GET`/`DELETE` at `{baseUrl}/{id}`. */
  readonly baseUrl: string;
  private readonly fetcher: (input: string, init: RequestInit) => Promise<Response>;
  private readonly headers: OperationClientOptions["headers"];
  private readonly policy: ReconnectPolicy;
  private readonly make: <R, P>() => RemoteOperation<R, P>;
  /** Operations followed now (until their end and, after a cancel, the DELETE's answer). */
  private readonly watches = new Set<HttpWatch>();
  /** Streams, waits and DELETEs under way: `close()` waits for them to unwind. */
  private readonly loops = new Set<Promise<void>>();
  /** Aborted by `close()`: ends every DELETE retry and its waits. */
  private readonly closer = new AbortController();
  private closing: Promise<void> | undefined = undefined;

  /**
   * A client of the handler at `baseUrl` (absolute, or relative to the page in a browser). Makes no request
   * until `run` or `attach`. Throws `TypeError` for a `baseUrl` that is not a URL string (or `URL`) with an
   * http(s) scheme, or for malformed `options` (`RangeError` for a negative reconnect figure).
   */
  constructor(baseUrl: string | URL, options: OperationClientOptions = {}) {
    this.baseUrl = readBaseUrl(baseUrl);
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`OperationClient options must be an object, got ${describe(options)}`);
    }
    const { headers, fetch: fetcher, reconnect } = options;
    if (fetcher !== undefined && typeof fetcher !== "function") {
      throw new TypeError(`OperationClient options.fetch must be a function, got ${describe(fetcher)}`);
    }
    if (headers !== undefined && (typeof headers !== "object" || headers === null) && typeof headers !== "function") {
      throw new TypeError(`OperationClient options.headers must be headers or a function returning them, got ${describe(headers)}`);
    }
    if (fetcher === undefined && typeof globalThis.fetch !== "function") {
      throw new TypeError("OperationClient needs the Fetch API: this runtime has no globalThis.fetch; pass options.fetch");
    }
    this.policy = readReconnect(reconnect);
    this.headers = headers;
    // Called as a plain function: a browser's `fetch` throws "Illegal invocation" when called as a method of another object.
    const chosen = fetcher ?? globalThis.fetch;
    this.fetcher = (input, init) => chosen.call(globalThis, input, init);
    this.make = httpOperationMaker(this);
  }

  /**
   * Starts task `name` on the server with `input` and returns its operation at once (hot: `started`). One
   * request: a `POST` whose answer is the operation's event stream. The operation ends as the server's does:
   * `completed` with the result; `error` with the task's error rebuilt (class, `hresult`, `cause`, data; the
   * server's stack only when it exposes stacks); `canceled` when canceled here or on the server. A refusal ends
   * it in `error` with an `AsyncError` whose `hresult` names it (`E_ACCESSDENIED` for 401/403, `E_INVALIDARG`
   * for 400/413/415, `ERROR_NOT_FOUND` for an unknown task); an unreachable server with `DisconnectedError`.
   * `cancel()` reads `canceled` at once and sends `DELETE`, retried until the server acknowledges it or the
   * client closes. Throws `IllegalMethodCallError` after `close()`, `TypeError` for a name that is not a
   * non-empty string, input that JSON cannot carry unchanged, or malformed options.
   */
  run<N extends TaskName<Tasks>>(
    name: N,
    ...args: TaskArguments<Tasks, N, HttpRunOptions>
  ): HttpOperation<TaskResult<Tasks, N>, TaskProgress<Tasks, N>> {
    const [input, options] = args as [unknown, HttpRunOptions | undefined];
    if (this.closing !== undefined) throw new IllegalMethodCallError("OperationClient.run was called after close().");
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`OperationClient.run expects a task name (a non-empty string), got ${describe(name)}`);
    }
    if (input !== undefined) assertJson(input, "OperationClient.run input");
    const checked = readRunOptions(options, "OperationClient.run");
    const body = JSON.stringify({ task: name, input: input === undefined ? null : input });
    const { op, watch } = this.watch(undefined, checked);
    if (watch !== undefined) this.track(this.follow(watch, { kind: "run", task: name }, body));
    return op;
  }

  /**
   * An operation for a server operation that already exists (started by another page, or before a reload): its
   * event stream from the start, so it gets the current progress and, when it has ended, its outcome. An id the
   * server does not know ends it in `error` with an `AsyncError` (`ERROR_NOT_FOUND`, the id in the message).
   * Type the result with the task name: `client.attach<"resize">(id)`. Throws `IllegalMethodCallError` after
   * `close()`, `TypeError` for an id that is not a non-empty string or malformed options.
   */
  attach<N extends TaskName<Tasks> = TaskName<Tasks>>(
    id: string,
    options?: HttpRunOptions,
  ): HttpOperation<TaskResult<Tasks, N>, TaskProgress<Tasks, N>> {
    if (this.closing !== undefined) throw new IllegalMethodCallError("OperationClient.attach was called after close().");
    if (typeof id !== "string" || id === "") {
      throw new TypeError(`OperationClient.attach expects an operation id (a non-empty string), got ${describe(id)}`);
    }
    const checked = readRunOptions(options, "OperationClient.attach");
    const { op, watch } = this.watch(id, checked);
    if (watch !== undefined) this.track(this.follow(watch, { kind: "watch", id }, undefined));
    return op;
  }

  /**
   * Stops following: every pending operation ends `error` with `DisconnectedError` (the server's operations go
   * on: attach them again later; cancel first to stop them), streams and DELETE retries are aborted, and the
   * promise resolves once nothing of the client runs any more. Idempotent; never rejects, never hangs.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closer.abort();
      for (const watch of [...this.watches]) {
        watch.disconnected(`OperationClient for ${this.baseUrl} was closed before operation ${watch.id ?? "(no id yet)"} ended.`);
        watch.release();
      }
      this.watches.clear();
      while (this.loops.size > 0) await Promise.all(this.loops);
    })();
    return this.closing;
  }

  /** `close()`, for `await using`. */
  [asyncDisposeSymbol](): Promise<void> {
    return this.close();
  }

  /**
   * @internal The `RemoteOwner` side: called inside `op.cancel()` (or a linked signal's abort). Sends the DELETE
   * once the id is known (a `run` whose answer has not arrived sends it when it does); the stream and any wait of
   * the operation end at the DELETE's answer. Never throws.
   */
  remoteCanceled(op: RemoteOperation<unknown, unknown>): void {
    const watch = op._where as HttpWatch | null;
    if (watch === null || watch.ended || watch.canceled) return; // the server's own `canceled` event canceled it
    watch.canceled = true;
    // The DELETE goes out now if the id is known, else when the POST's answer tells it (the follow loop's end).
    // The stream is left to end by itself (the server's `canceled` event follows the DELETE) or at the DELETE's
    // answer: aborting it first made the DELETE wait for a new connection, about 3 ms more per cancel on
    // loopback (measured with bench/http-client.bench.mjs; p50 from 3.3 ms to 0.6 ms).
    if (watch.id !== undefined) this.track(this.sendCancel(watch));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private watch(id: string | undefined, options: RunOptions | undefined): { op: HttpOperation<any, any>; watch: HttpWatch | undefined } {
    const op = this.make<unknown, unknown>();
    op._key = id;
    if (options?.description !== undefined) op._rare().description = options.description;
    // An already-aborted signal: the operation starts canceled and nothing is sent.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    if (options?.signal !== undefined && !op._link(options.signal)) return { op: op as unknown as HttpOperation<any, any>, watch: undefined };
    const watch = new HttpWatch(op, id);
    this.watches.add(watch);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { op: op as unknown as HttpOperation<any, any>, watch };
  }

  /**
   * Follows one operation: the POST (for `run`) or a GET, then GETs resuming with `Last-Event-ID` after each
   * dropped stream, waiting `backoffDelay` between them, until the terminal event, a refusal, the limit of
   * attempts (then `DisconnectedError`), a cancel or the close. Never rejects.
   */
  private async follow(watch: HttpWatch, request: RefusedRequest, postBody: string | undefined): Promise<void> {
    try {
      await this.followLoop(watch, request, postBody);
    } finally {
      if (watch.canceled) {
        // The DELETE needs the id: sent now if the POST's answer told it, else there is nothing to cancel.
        if (watch.id !== undefined && !watch.deleting) this.track(this.sendCancel(watch));
        else if (watch.id === undefined) this.done(watch);
      } else if (watch.ended || this.closing !== undefined) this.done(watch);
    }
  }

  private async followLoop(watch: HttpWatch, request: RefusedRequest, postBody: string | undefined): Promise<void> {
    let attempts = 0;
    let cause: unknown;
    const stopped = watch.abort.signal;
    for (;;) {
      const posting = postBody !== undefined && watch.id === undefined;
      const url = posting ? this.baseUrl : this.operationUrl(watch.id!);
      let response: Response | undefined;
      try {
        response = await this.fetcher(url, {
          method: posting ? "POST" : "GET",
          headers: await this.headersFor(SSE, posting, posting ? undefined : watch.lastEventId),
          // A cancel never aborts the POST before its answer: the answer tells the id, without which the DELETE
          // could not reach the server's operation. Only the close does.
          ...(posting ? { body: postBody, signal: this.closer.signal } : { signal: stopped }),
        });
      } catch (error) {
        cause = error;
      }
      if (response !== undefined) {
        if (posting) {
          const id = idFromLocation(response.headers.get(HEADER.location));
          if (id !== undefined) watch.identified(id);
        }
        if (stopped.aborted || watch.canceled || this.closing !== undefined) {
          void response.body?.cancel().catch(() => undefined);
          return;
        }
        if (response.ok && response.body !== null && isEventStream(response)) {
          let heard = false;
          let ended: boolean;
          try {
            ended = await readEventStream(response.body, stopped, (event) => {
              if (!heard) {
                heard = true;
                attempts = 0; // the connection works: the limit counts consecutive failures
              }
              return watch.event(event);
            });
          } catch (error) {
            void response.body.cancel().catch(() => undefined);
            watch.fail(error); // the parser could not be loaded
            return;
          }
          if (ended || watch.ended || stopped.aborted || watch.canceled) return;
          cause = undefined;
        } else if (!response.ok && !(isTransient(response.status) && watch.id !== undefined)) {
          const body = await readJson(response);
          if (!watch.canceled && this.closing === undefined) {
            watch.fail(refusalError(response.status, request, url, body));
          }
          return;
        } else {
          void response.body?.cancel().catch(() => undefined);
          cause = response.ok
            ? new TypeError(`Expected an event stream from ${url}, got ${response.headers.get(HEADER.contentType) ?? "no Content-Type"}`)
            : new DisconnectedError(`HTTP ${response.status} from ${url}`);
        }
      }
      if (stopped.aborted || watch.ended || watch.canceled || this.closing !== undefined) return;
      if (watch.id === undefined) {
        // The POST failed before the server told the id: whether the task started is unknown, and it cannot be
        // followed. It is not sent again (that could run the task twice).
        watch.disconnected(`Could not reach ${this.baseUrl} to run task "${request.kind === "run" ? request.task : ""}".`, cause);
        return;
      }
      if (++attempts > this.policy.limit) {
        watch.disconnected(`Lost the event stream of operation ${watch.id} at ${this.baseUrl} (${this.policy.limit} reconnect attempts failed).`, cause);
        return;
      }
      await pause(backoffDelay(this.policy, attempts), stopped);
      if (stopped.aborted || watch.canceled) return;
    }
  }

  /** Nothing more is sent or awaited for `watch`. */
  private done(watch: HttpWatch): void {
    this.watches.delete(watch);
    watch.release();
  }

  /**
   * Sends `DELETE {base}/{id}` until the server acknowledges it (2xx; a 404 too: the operation is gone, nothing
   * is left to cancel) or the client closes, with the doubling delay between attempts. Never rejects.
   */
  private async sendCancel(watch: HttpWatch): Promise<void> {
    watch.deleting = true;
    const url = this.operationUrl(watch.id!);
    const signal = this.closer.signal;
    try {
      for (let attempt = 1; !signal.aborted; attempt++) {
        try {
          const response = await this.fetcher(url, { method: "DELETE", headers: await this.headersFor(JSON_MEDIA_TYPE, false, undefined), signal });
          void response.body?.cancel().catch(() => undefined);
          if (response.ok || response.status === 404) return;
        } catch {
          // unreachable, or the client closed: try again (below) unless closed
        }
        await pause(backoffDelay(this.policy, attempt), signal);
      }
    } finally {
      this.done(watch);
    }
  }

  private operationUrl(id: string): string {
    return `${this.baseUrl}/${encodeURIComponent(id)}`;
  }

  private async headersFor(accept: string, json: boolean, lastEventId: string | undefined): Promise<Headers> {
    const given = typeof this.headers === "function" ? await this.headers() : this.headers;
    const headers = new Headers(given);
    headers.set(HEADER.accept, accept);
    if (json) headers.set(HEADER.contentType, JSON_MEDIA_TYPE);
    if (lastEventId !== undefined) headers.set(HEADER.lastEventId, lastEventId);
    return headers;
  }

  /** Counts `loop` (which never rejects) as under way until it settles. */
  private track(loop: Promise<void>): void {
    this.loops.add(loop);
    void loop.then(() => this.loops.delete(loop));
  }
}

/**
 * A maker of remote operations owned by `client` whose prototype also carries `operationId`: a getter of the id
 * kept in `_key`, so every operation has it, read-only, at no cost per operation.
 */
function httpOperationMaker(client: RemoteOwner): <R, P>() => RemoteOperation<R, P> {
  const make = remoteOperationMaker(client);
  const proto: object = Object.getPrototypeOf(make()) as object;
  Object.defineProperty(proto, "operationId", {
    get(this: RemoteOperation<unknown, unknown>): string | undefined {
      return this._key as string | undefined;
    },
    enumerable: true,
    configurable: true,
  });
  return make;
}

function readBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string" && !(baseUrl instanceof URL)) {
    throw new TypeError(`OperationClient expects a base URL (a string or URL), got ${describe(baseUrl)}`);
  }
  let url: URL;
  try {
    // Relative to the page in a browser (where `location` exists), absolute elsewhere.
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    url = new URL(baseUrl, page);
  } catch {
    throw new TypeError(`OperationClient expects a base URL, got ${describe(String(baseUrl))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`OperationClient expects an http: or https: URL, got ${describe(url.href)}`);
  }
  url.hash = "";
  return url.href.replace(/\/+$/, "");
}

/** The id at the end of a `Location` header (`{base}/{id}`), or undefined. */
function idFromLocation(location: string | null): string | undefined {
  if (location === null) return undefined;
  const path = location.split(/[?#]/, 1)[0]!;
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (last === "") return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

function isEventStream(response: Response): boolean {
  return (response.headers.get(HEADER.contentType) ?? "").toLowerCase().startsWith(SSE);
}

/** The JSON body of an answer, or undefined when it has none (or not JSON). Never rejects. */
async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}
