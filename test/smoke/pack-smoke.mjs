// Packaging smoke test: packs the package as npm would publish it, installs the tarball into a scratch project,
// and imports it by its own name from ESM, from CommonJS and from TypeScript (types resolved through `exports`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const scratch = mkdtempSync(join(tmpdir(), "winrt-async-smoke-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_loglevel: "error" } });

try {
  const packDir = join(scratch, "pack");
  mkdirSync(packDir);
  run("npm", ["pack", "--silent", "--pack-destination", packDir], root);
  const tarball = readdirSync(packDir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack produced no tarball");

  const listing = run("tar", ["-tzf", join(packDir, tarball)], scratch).split("\n").filter(Boolean);
  for (const required of ["package/dist/index.js", "package/dist/index.cjs", "package/dist/index.d.ts", "package/dist/index.d.cts", "package/README.md", "package/dist/worker/index.js", "package/dist/worker/index.cjs", "package/dist/worker/index.d.ts", "package/dist/worker/index.d.cts"]) {
    if (!listing.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }
  if (listing.some((name) => name.startsWith("package/src/") || name.startsWith("package/test/"))) {
    throw new Error("the tarball ships sources or tests");
  }

  const app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "smoke-app", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(packDir, tarball)], app);

  writeFileSync(
    join(app, "esm.mjs"),
    `import { AsyncOperation, AsyncStatus, HResult, CanceledError, toPromise } from "winrt-async";
const op = AsyncOperation.run(async () => 41 + 1);
if (await op !== 42 || op.status !== AsyncStatus.completed) throw new Error("esm: wrong result");
const c = AsyncOperation.run((ctx) => new Promise((r) => ctx.onCancel(r)));
c.cancel();
const e = await toPromise(c).catch((x) => x);
if (!(e instanceof CanceledError) || e.hresult !== HResult.ERROR_CANCELLED) throw new Error("esm: cancel");
console.log("esm ok");
`,
  );
  writeFileSync(
    join(app, "cjs.cjs"),
    `const { AsyncAction, AsyncStatus, IllegalStateChangeError } = require("winrt-async");
const a = AsyncAction.run(() => new Promise((r) => setTimeout(r, 1)));
try { a.close(); throw new Error("cjs: close should throw"); } catch (e) { if (!(e instanceof IllegalStateChangeError)) throw e; }
a.then(() => { if (a.status !== AsyncStatus.completed) throw new Error("cjs: status"); console.log("cjs ok"); });
`,
  );
  writeFileSync(
    join(app, "consumer.ts"),
    `import { AsyncOperationWithProgress, type IAsyncOperationWithProgress } from "winrt-async";
const op: IAsyncOperationWithProgress<string, number> = AsyncOperationWithProgress.run<string, number>((ctx) => { ctx.report(1); return "x"; });
export const result: Promise<string> = AsyncOperationWithProgress.fromResult<string, number>("y").then((v) => v.toUpperCase());
export const status: number = op.status;
`,
  );
  writeFileSync(
    join(app, "consumer.cts"),
    `import { AsyncAction } from "winrt-async";
export const action: Promise<void> = AsyncAction.fromResult().then(() => undefined);
`,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [] },
      files: ["consumer.ts", "consumer.cts", "worker-consumer.ts"],
    }),
  );

  // winrt-async/worker from the tarball: a task module (ESM), run from an ESM host and from a CommonJS host.
  writeFileSync(
    join(app, "tasks.mjs"),
    `import { expose } from "winrt-async/worker";
export const tasks = expose({ square: (n, ctx) => { ctx.report(n); return n * n; } });
`,
  );
  writeFileSync(
    join(app, "worker-esm.mjs"),
    `import { WorkerPool } from "winrt-async/worker";
import { AsyncOperationWithProgress, DisconnectedError, HResult } from "winrt-async";
const pool = new WorkerPool(new URL("./tasks.mjs", import.meta.url), { size: 1 });
const op = pool.run("square", 7);
const seen = [];
op.onProgress((p) => seen.push(p));
if (!(op instanceof AsyncOperationWithProgress) || (await op) !== 49 || seen.join() !== "7") throw new Error("worker esm: wrong result");
if (new DisconnectedError().hresult !== HResult.RPC_E_DISCONNECTED) throw new Error("worker esm: DisconnectedError");
await pool.close();
console.log("worker esm ok");
`,
  );
  writeFileSync(
    join(app, "worker-cjs.cjs"),
    `const { WorkerPool } = require("winrt-async/worker");
const { AsyncOperationWithProgress } = require("winrt-async");
const { join } = require("node:path");
const pool = new WorkerPool(join(__dirname, "tasks.mjs"), { size: 1 });
const op = pool.run("square", 6);
if (!(op instanceof AsyncOperationWithProgress)) throw new Error("worker cjs: not an AsyncOperationWithProgress");
op.then(async (value) => {
  if (value !== 36) throw new Error("worker cjs: wrong result");
  await pool.close();
  console.log("worker cjs ok");
});
`,
  );
  writeFileSync(
    join(app, "worker-consumer.ts"),
    `import { WorkerPool, expose } from "winrt-async/worker";
import type { AsyncOperationWithProgress, AsyncProgressContext } from "winrt-async";
const tasks = expose({ square: (n: number, ctx: AsyncProgressContext<number>) => { ctx.report(n); return n * n; } });
declare const pool: WorkerPool<typeof tasks>;
export const op: AsyncOperationWithProgress<number, number> = pool.run("square", 3);
`,
  );
  const workerEsm = run(process.execPath, ["worker-esm.mjs"], app).trim();
  const workerCjs = run(process.execPath, ["worker-cjs.cjs"], app).trim();
  if (workerEsm !== "worker esm ok" || workerCjs !== "worker cjs ok") throw new Error(`unexpected output: ${workerEsm} / ${workerCjs}`);

  const esm = run(process.execPath, ["esm.mjs"], app).trim();
  const cjs = run(process.execPath, ["cjs.cjs"], app).trim();
  run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app);
  if (esm !== "esm ok" || cjs !== "cjs ok") throw new Error(`unexpected output: ${esm} / ${cjs}`);
  console.log(`packaging smoke test passed: ${tarball} installs; ESM, CommonJS and TypeScript consumers import it by name; winrt-async/worker runs a task from ESM and CommonJS`);
} catch (error) {
  console.error("packaging smoke test failed:", error?.stderr || error);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
