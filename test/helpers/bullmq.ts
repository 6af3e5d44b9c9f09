// Shared pieces of the winrt-async/bullmq tests: the suite's Redis (test/support/redis-global-setup.ts), a unique
// queue name per test (so files run in parallel on one server), and clients, servers and a raw BullMQ view
// that are closed, and whose queue is obliterated, when the test ends.
import { randomUUID } from "node:crypto";
import { inject, onTestFinished } from "vitest";
import { Queue, QueueEvents } from "bullmq";
import { connectionOf } from "../support/redis-server.mjs";
import { JobClient, serve, type JobClientOptions, type JobServer, type ServeOptions } from "../../src/bullmq/index.js";

export const redisUrl = (): string => inject("redisUrl");
export const connection = (): ReturnType<typeof connectionOf> => connectionOf(redisUrl());

/** A queue name no other test (in any file or process) uses. */
export function uniqueQueue(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

/** A client for `queueName`, closed when the test ends. */
export function useClient<Tasks>(queueName: string, options: Partial<JobClientOptions> = {}): JobClient<Tasks> {
  const client = new JobClient<Tasks>(queueName, { connection: connection(), ...options });
  onTestFinished(() => client.close());
  return client;
}

/** A `serve` of `tasks` on `queueName`, ready, closed when the test ends. */
export async function useServer(
  queueName: string,
  tasks: object,
  options: Partial<ServeOptions> = {},
): Promise<JobServer> {
  const server = serve(queueName, tasks, { connection: connection(), closeGraceMs: 0, ...options });
  onTestFinished(() => server.close());
  await server.ready;
  return server;
}

/** A raw BullMQ `Queue` on `queueName`, to look at jobs as BullMQ sees them; obliterates the queue at the end. */
export function rawQueue(queueName: string): Queue {
  const queue = new Queue(queueName, { connection: connection() });
  onTestFinished(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });
  return queue;
}

/** A raw `QueueEvents` on `queueName`, ready, closed at the end. */
export async function rawEvents(queueName: string): Promise<QueueEvents> {
  const events = new QueueEvents(queueName, { connection: connection() });
  onTestFinished(() => events.close());
  await events.waitUntilReady();
  return events;
}

/** Resolves with the first `event` of job `jobId` on `events`. */
export function nextEvent(events: QueueEvents, event: string, jobId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (events as any).once(`${event}:${jobId}`, resolve);
  });
}
