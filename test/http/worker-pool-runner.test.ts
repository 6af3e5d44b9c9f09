// DESIGN 4.6: with runner: a WorkerPool the bodies run on worker threads; progress and results cross to the HTTP
// stream, and a DELETE reaches the thread: a CPU-bound loop that never awaits stops on the shared flag.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { WorkerPool } from "../../src/worker/index.js";
import { EventReader, gate, postStream, useOperationsServer } from "../helpers/http.js";

const tasksUrl = new URL("../fixtures/http/pool-tasks.mjs", import.meta.url);

describe("a WorkerPool runner", () => {
  it("runs tasks on threads and a DELETE stops the thread's loop", async () => {
    await using pool = new WorkerPool(tasksUrl, { size: 1 });
    // The tasks object names the tasks the edge accepts; the bodies run in the worker.
    const tasks = { spin: () => undefined, square: () => undefined };
    const { base, origin } = await useOperationsServer(tasks, { runner: pool });

    const squared = await new EventReader(await postStream(base, { task: "square", input: 12 })).rest();
    expect(squared.map((event) => [event.event, event.data])).toEqual([
      ["started", expect.any(String)],
      ["progress", "12"],
      ["completed", "144"],
    ]);

    const channel = `http-pool-${randomUUID()}`;
    const inside = new BroadcastChannel(channel);
    const started = gate();
    const stopped = gate<{ canceled: boolean }>();
    inside.onmessage = (message: MessageEvent<{ event: string; canceled: boolean }>) => {
      if (message.data.event === "started") started.open();
      else stopped.open(message.data);
    };
    try {
      const response = await postStream(base, { task: "spin", input: { channel } });
      const reader = new EventReader(response);
      expect((await reader.next())?.event).toBe("started");
      await started.promise;
      expect((await fetch(origin + response.headers.get("location")!, { method: "DELETE" })).status).toBe(202);
      expect(await stopped.promise).toEqual({ event: "stopped", canceled: true });
      const rest = await reader.rest();
      expect(rest.at(-1)?.event).toBe("canceled");
    } finally {
      inside.close();
    }
  });
});
