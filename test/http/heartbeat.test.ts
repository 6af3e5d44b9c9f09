// DESIGN 4.6: heartbeat comments keep proxies from closing idle streams: a stream with nothing to say gets comment
// lines (": ...") every heartbeatMs, and the events go on after them.
import { describe, expect, it } from "vitest";
import { EventReader, gate, postStream, useOperationsServer } from "../helpers/http.js";

describe("heartbeats", () => {
  it("are written to an idle stream", async () => {
    const release = gate();
    const { base } = await useOperationsServer({ wait: () => release.promise.then(() => "late") }, { heartbeatMs: 10 });
    const reader = new EventReader(await postStream(base, { task: "wait" }));
    expect((await reader.next())?.event).toBe("started");
    let comments = 0;
    while (comments < 3) {
      const item = await reader.nextItem();
      expect(item?.kind).toBe("comment");
      comments++;
    }
    release.open();
    const rest = await reader.rest();
    expect(rest.map((event) => event.event)).toEqual(["completed"]);
  });
});
