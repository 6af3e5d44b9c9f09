// A channel subscriber that throws does not disturb the operation or the other subscribers: the operation settles
// as it would have, the other subscribers get their messages, and Node reports the error as an uncaught exception
// on a later tick (node:diagnostics_channel's own rule). A whole process, against dist/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const dist = resolve(import.meta.dirname, "../../dist");
const esm = (path: string): string => JSON.stringify(pathToFileURL(`${dist}/${path}`).href);

describe("a throwing subscriber", () => {
  it("leaves the operation and the other subscribers alone; Node reports its error later", () => {
    if (!existsSync(`${dist}/diagnostics/index.js`)) throw new Error("dist/ is missing: run `npm run build` first");
    const source = `
      import { subscribe } from "node:diagnostics_channel";
      import { AsyncOperation } from ${esm("index.js")};
      import { channelNames } from ${esm("diagnostics/index.js")};
      const events = [];
      const boom = new Error("subscriber boom");
      process.on("uncaughtException", (error) => events.push("uncaught:" + (error === boom)));
      subscribe(channelNames.start, () => { throw boom; });
      subscribe(channelNames.start, (m) => events.push("start:" + m.description));
      subscribe(channelNames.settle, () => { throw boom; });
      subscribe(channelNames.settle, (m) => events.push("settle:" + m.status));
      const op = AsyncOperation.run(() => 7, { description: "sync" });
      events.push("returned:" + op.status + ":" + op.getResults());
      const value = await AsyncOperation.run(async () => 8, { description: "async" });
      events.push("awaited:" + value);
      await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(JSON.stringify(events));
    `;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8", timeout: 20_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const events = JSON.parse(result.stdout) as string[];
    expect(events.filter((event) => !event.startsWith("uncaught:"))).toEqual([
      "start:sync",
      "settle:1",
      "returned:1:7",
      "start:async",
      "settle:1",
      "awaited:8",
    ]);
    expect(events.filter((event) => event.startsWith("uncaught:"))).toEqual(Array(4).fill("uncaught:true"));
  });
});
