// DESIGN 4.6 / issue 18 faults: one server process holds 10,000 concurrent operations, each watched by its own
// event stream (opened on the POST): all start, all stay open at once, all complete when released, and the server
// process exits by itself afterwards.
import { describe, expect, it } from "vitest";
import { startChild } from "../helpers/processes.js";
import { EventReader } from "../helpers/http.js";

const COUNT = 10_000;

describe("10,000 concurrent operations", () => {
  it("are served by one process, each with a stream", { timeout: 300_000 }, async () => {
    const server = startChild("http/server-process.mjs", [], {});
    const origin = (await server.next((line) => line.event === "listening")).text!;
    try {
      const post = (task: string, accept: string): Promise<Response> =>
        fetch(`${origin}/ops`, {
          method: "POST",
          headers: { "content-type": "application/json", accept },
          body: JSON.stringify({ task, input: 1 }),
        });
      const readers: EventReader[] = [];
      // Opened in batches, so the test does not depend on the listen backlog.
      for (let i = 0; i < COUNT; i += 500) {
        const batch = await Promise.all(Array.from({ length: Math.min(500, COUNT - i) }, () => post("hold", "text/event-stream")));
        for (const response of batch) {
          expect(response.status).toBe(201);
          readers.push(new EventReader(response));
        }
        // Every stream has started and reported before the next batch: they are all open at once.
        const first = await Promise.all(readers.slice(i).map(async (reader) => [await reader.next(), await reader.next()]));
        for (const [started, progress] of first) {
          expect(started?.event).toBe("started");
          expect(progress?.event).toBe("progress");
        }
      }
      expect((await post("release", "application/json")).status).toBe(201);
      const ends = await Promise.all(readers.map((reader) => reader.rest()));
      expect(ends.filter((events) => events.at(-1)?.event === "completed").length).toBe(COUNT);
    } finally {
      server.process.stdin!.end();
    }
    expect((await server.exited).code).toBe(0);
  });
});
