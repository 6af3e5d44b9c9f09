// A real HTTP server on 127.0.0.1 (a free port) serving an `operationsHandler` through the Node bridge, and an
// `OperationClient` of it, both closed when the test ends (server side first closing the handler, so no stream
// is left open). Used by the client's tests in test/http/client-*.test.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { onTestFinished } from "vitest";
import { OperationClient, operationsHandler, type OperationClientOptions, type OperationsHandler, type OperationsHandlerOptions } from "../../src/http/index.js";

export interface Edge {
  readonly handler: OperationsHandler;
  readonly server: Server;
  /** `http://127.0.0.1:{port}` */
  readonly origin: string;
  /** `{origin}/ops`: the handler's base URL. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `tasks` at `/ops` on a free loopback port (on `port` when given: a restarted server keeps its address).
 * `wrap` may stand in front of the handler (a server that refuses some requests, say). Closed when the test ends.
 */
export async function useEdge(
  tasks: object,
  options: OperationsHandlerOptions = {},
  { port = 0, wrap }: { port?: number; wrap?: (handler: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response> } = {},
): Promise<Edge> {
  const handler = operationsHandler(tasks, { basePath: "/ops", ...options });
  const fetch = wrap === undefined ? handler.fetch : wrap(handler.fetch);
  const server = createServer(getRequestListener(fetch));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${actual}`;
  let closing: Promise<void> | undefined;
  const edge: Edge = {
    handler,
    server,
    origin,
    url: `${origin}/ops`,
    port: actual,
    close() {
      closing ??= (async () => {
        await handler.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
  onTestFinished(() => edge.close());
  return edge;
}

/** An `OperationClient` of `url`, closed when the test ends (before the server: registered later, run earlier). */
export function useHttpClient<Tasks>(url: string, options: OperationClientOptions = {}): OperationClient<Tasks> {
  const client = new OperationClient<Tasks>(url, options);
  onTestFinished(() => client.close());
  return client;
}
