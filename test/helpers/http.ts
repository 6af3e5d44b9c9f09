// Shared pieces of the winrt-async/http tests: a real server on 127.0.0.1 (a free port, through the chosen Node
// bridge, @hono/node-server) closed when the test ends, raw fetch helpers, and an event-stream reader built on the
// well-kept parser (eventsource-parser) that reads one event at a time, so a test controls when bytes are read.
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { onTestFinished } from "vitest";
import { serve } from "@hono/node-server";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { operationsHandler, type OperationsHandler, type OperationsHandlerOptions } from "../../src/http/index.js";

/** A running server: its base URL (`http://127.0.0.1:port/ops`), the handler and a way to stop it early. */
export interface TestServer {
  readonly base: string;
  readonly origin: string;
  readonly handler: OperationsHandler;
  stop(): Promise<void>;
}

/** Serves `fetch` on 127.0.0.1, a free port; stopped when the test ends. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      (server as unknown as { closeAllConnections?(): void }).closeAllConnections?.();
      server.close(() => resolve());
    }));
  onTestFinished(stop);
  return { origin: `http://127.0.0.1:${port}`, stop };
}

/** `operationsHandler(tasks, options)` served at `/ops`; the handler is closed and the server stopped at the end. */
export async function useOperationsServer(tasks: object, options: OperationsHandlerOptions = {}): Promise<TestServer> {
  const handler = operationsHandler(tasks, options);
  onTestFinished(() => handler.close());
  const { origin, stop } = await listen(handler);
  return { base: `${origin}/ops`, origin, handler, stop };
}

/** POST `{ task, input }` as JSON. */
export function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** POST and open the operation's event stream on the same response. */
export function postStream(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return post(base, body, { accept: "text/event-stream", ...headers });
}

/** GET the event stream of `url`. */
export function getStream(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { accept: "text/event-stream", ...headers } });
}

/** One event or comment of a stream. */
export type StreamItem = { readonly kind: "event"; readonly event: EventSourceMessage } | { readonly kind: "comment"; readonly text: string };

/** Reads an event stream item by item: nothing is read from the network until `next()` asks. */
export class EventReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private readonly items: StreamItem[] = [];
  private readonly parser = createParser({
    onEvent: (event) => this.items.push({ kind: "event", event }),
    onComment: (text) => this.items.push({ kind: "comment", text }),
  });
  ended = false;

  constructor(response: Response) {
    if (response.body === null) throw new TypeError("the response has no body");
    this.reader = response.body.getReader();
    onTestFinished(() => this.cancel());
  }

  /** The next item, or undefined at the end of the stream. */
  async nextItem(): Promise<StreamItem | undefined> {
    while (this.items.length === 0) {
      if (this.ended) return undefined;
      const { done, value } = await this.reader.read();
      if (done) {
        this.ended = true;
        return undefined;
      }
      this.parser.feed(this.decoder.decode(value, { stream: true }));
    }
    return this.items.shift();
  }

  /** The next event (comments skipped), or undefined at the end. */
  async next(): Promise<EventSourceMessage | undefined> {
    for (;;) {
      const item = await this.nextItem();
      if (item === undefined) return undefined;
      if (item.kind === "event") return item.event;
    }
  }

  /** Every remaining event, to the end of the stream. */
  async rest(): Promise<EventSourceMessage[]> {
    const events: EventSourceMessage[] = [];
    for (let event = await this.next(); event !== undefined; event = await this.next()) events.push(event);
    return events;
  }

  /** Stops reading (the server sees the stream canceled). */
  async cancel(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.reader.cancel().catch(() => undefined);
  }
}

/** A promise with its resolve function, to hold a task body until the test opens it. */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
