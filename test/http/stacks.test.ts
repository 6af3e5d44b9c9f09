// DESIGN 4.6: server stacks never leave the server unless exposeStack: the error event and the snapshot carry the
// envelope without stack (in its causes and inner errors too); with exposeStack: true they carry it.
import { describe, expect, it } from "vitest";
import { EventReader, postStream, useOperationsServer } from "../helpers/http.js";

const tasks = {
  fail: () => {
    throw new TypeError("outer", { cause: new AggregateError([new Error("inner")], "agg") });
  },
};

describe("stacks", () => {
  it("are stripped by default, in the event and in the snapshot", async () => {
    const { base, origin } = await useOperationsServer(tasks);
    const response = await postStream(base, { task: "fail" });
    const url = origin + response.headers.get("location")!;
    const events = await new EventReader(response).rest();
    const data = events.find((event) => event.event === "error")!.data;
    expect(data).not.toContain('"stack"');
    expect(JSON.parse(data)).toMatchObject({ name: "TypeError", message: "outer", cause: { name: "AggregateError" } });
    const snapshot = await (await fetch(url)).text();
    expect(snapshot).toContain('"status":"error"');
    expect(snapshot).not.toContain('"stack"');
    expect(snapshot).not.toContain(import.meta.url.replace("file://", ""));
  });

  it("are kept with exposeStack: true", async () => {
    const { base } = await useOperationsServer(tasks, { exposeStack: true });
    const events = await new EventReader(await postStream(base, { task: "fail" })).rest();
    const envelope = JSON.parse(events.find((event) => event.event === "error")!.data) as {
      stack: string;
      cause: { stack: string; errors: { stack: string }[] };
    };
    expect(envelope.stack).toContain("TypeError: outer");
    expect(envelope.cause.stack).toContain("agg");
    expect(envelope.cause.errors[0]!.stack).toContain("inner");
  });
});
