// DESIGN 4.7 #11: infrastructure that is down is never silent. With nothing listening on the port (or a password
// Redis refuses), a JobClient and a serve report the connection errors through onError (by default once on the
// console), `server.ready` rejects after `connectTimeoutMs` (and settles when the server is closed first), and an
// operation whose job cannot be added within `connectTimeoutMs` ends in error with DisconnectedError.
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { AsyncStatus, DisconnectedError } from "../../src/index.js";
import { JobClient, serve } from "../../src/bullmq/index.js";
import { rejection } from "../helpers/caught.js";
import { connection, uniqueQueue } from "../helpers/bullmq.js";

const tasks = { work: (n: number) => n };
/** A port nothing listens on (1 is reserved: a connect is refused at once). */
const nowhere = { host: "127.0.0.1", port: 1, maxRetriesPerRequest: null };
/** The suite's Redis with a user it does not know: every connection is refused with WRONGPASS. */
const wrongPassword = () => ({ ...connection(), username: "nobody-" + Math.random().toString(36).slice(2), password: "wrong" });

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each([
  ["nothing listening", () => nowhere],
  ["a wrong password", wrongPassword],
])("Redis out of reach (%s)", (_label, target) => {
  it("ends a run whose job cannot be added in error with DisconnectedError, and reports through onError", async () => {
    const errors: unknown[] = [];
    const client = new JobClient<typeof tasks>(uniqueQueue("down-run"), {
      connection: target(),
      connectTimeoutMs: 200,
      onError: (error) => errors.push(error),
    });
    onTestFinished(() => client.close());
    const op = client.run("work", 1);
    expect(await rejection(op)).toBeInstanceOf(DisconnectedError);
    expect(op.status).toBe(AsyncStatus.error);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("rejects server.ready after connectTimeoutMs, and reports through onError", async () => {
    const errors: unknown[] = [];
    const server = serve(uniqueQueue("down-ready"), tasks, {
      connection: target(),
      connectTimeoutMs: 200,
      onError: (error) => errors.push(error),
    });
    onTestFinished(() => server.close());
    expect(await rejection(server.ready)).toBeInstanceOf(Error);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("settles server.ready when the server is closed before it connected", async () => {
    const server = serve(uniqueQueue("down-close"), tasks, { connection: target(), connectTimeoutMs: 60_000, onError: () => {} });
    const ready = rejection(server.ready);
    await server.close();
    expect(await ready).toBeInstanceOf(DisconnectedError);
  });
});

describe("without onError", () => {
  it("says it once on the console, for a client and for a server, however many attempts fail", { timeout: 20_000 }, async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const name = uniqueQueue("down-console");
    const client = new JobClient<typeof tasks>(name, { connection: nowhere, connectTimeoutMs: 2500 });
    onTestFinished(() => client.close());
    const server = serve(name, tasks, { connection: nowhere, connectTimeoutMs: 2500 });
    onTestFinished(() => server.close());
    // 2.5 s: ioredis (with BullMQ's retry strategy) tries again after 1 s, so each side fails at least twice.
    const failure = rejection(client.run("work", 1));
    expect(await rejection(server.ready)).toBeInstanceOf(Error);
    expect(await failure).toBeInstanceOf(DisconnectedError);
    const lines = printed.mock.calls.map((args) => args.map(String).join(" "));
    expect(lines.filter((line) => line.includes(name))).toHaveLength(2);
  });
});
