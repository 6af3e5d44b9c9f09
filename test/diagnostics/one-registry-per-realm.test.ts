// The diagnostics are one per realm: with the ESM and the CommonJS copy of the package in one process, tracking
// and the channels see the operations of both copies, and loading either copy of the diagnostics twice installs
// nothing twice (one message per event). Loading only the root installs nothing. Whole processes, against dist/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const dist = resolve(import.meta.dirname, "../../dist");
const esm = (path: string): string => JSON.stringify(pathToFileURL(`${dist}/${path}`).href);
const cjs = (path: string): string => JSON.stringify(`${dist}/${path}`);

function run(source: string): unknown {
  if (!existsSync(`${dist}/diagnostics/index.cjs`)) throw new Error("dist/ is missing: run `npm run build` first");
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8", timeout: 20_000 });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe("ESM and CommonJS copies in one process", () => {
  it("diagnostics loaded through either copy track and publish the operations of both", () => {
    const outcome = run(`
      import { createRequire } from "node:module";
      import { subscribe } from "node:diagnostics_channel";
      import { AsyncOperation as EsmOperation } from ${esm("index.js")};
      import { liveOperations, trackOperations } from ${esm("diagnostics/index.js")};
      const require = createRequire(import.meta.url);
      const { AsyncOperation: CjsOperation } = require(${cjs("index.cjs")});
      const cjsDiagnostics = require(${cjs("diagnostics/index.cjs")});
      const settled = [];
      subscribe("winrt-async:settle", (message) => settled.push(message.description));
      const tracking = trackOperations();
      const a = EsmOperation.run(() => new Promise(() => {}), { description: "esm" });
      const b = CjsOperation.run(() => new Promise(() => {}), { description: "cjs" });
      const seenByEsm = liveOperations().map((s) => s.description);
      const seenByCjs = cjsDiagnostics.liveOperations().map((s) => s.description);
      a.cancel();
      b.cancel();
      tracking[Symbol.dispose]();
      console.log(JSON.stringify({ seenByEsm, seenByCjs, settled, distinctClasses: EsmOperation !== CjsOperation }));
    `);
    expect(outcome).toEqual({
      seenByEsm: ["esm", "cjs"],
      seenByCjs: ["esm", "cjs"],
      settled: ["esm", "cjs"],
      distinctClasses: true,
    });
  });

  it("loading only the root installs no diagnostics (the hook slot stays empty)", () => {
    const outcome = run(`
      import { AsyncOperation } from ${esm("index.js")};
      await AsyncOperation.run(async () => 1);
      const slot = globalThis[Symbol.for("winrt-async.diagnostics")];
      console.log(JSON.stringify({ slot: typeof slot, hook: typeof slot.hook }));
    `);
    expect(outcome).toEqual({ slot: "object", hook: "undefined" });
  });
});
