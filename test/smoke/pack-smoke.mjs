// Packaging and runtime smoke test: packs the package as npm would publish it, installs the tarball into a
// scratch project, and checks what a user gets: the tarball's contents, the package imported by name from Node's
// ESM and CommonJS, headless Chromium, Deno and Bun (the same checks everywhere, test/smoke/runtime-smoke.mjs),
// the types in a strict consumer with the default lib and no @types/node, every ```ts example of README.md (compiled
// and run) and of docs/ (compiled), the documentation's relative links, stack traces that resolve to shipped files, the root entry's size, and the docs
// site. Each check is counted: the results go to .tmp/smoke-results.json, which test/summary.mjs folds into the
// closing line of `npm test`. Exits with 1 when a check failed.
import { execFile } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brokenLinks, documentationExamples } from "../support/code-blocks.mjs";
import { chromiumArgs, chromiumPath } from "../support/system-programs.mjs";
import { measureEntries, ROOT_BUDGET_BYTES } from "../../scripts/size.mjs";
import { startRedis } from "../support/redis-server.mjs";

/** README examples that only make sense on Node: they import node: modules, winrt-async/bullmq or the Node bridge of winrt-async/http. */
const needsNodeTypes = (code) => /from "node:|from "winrt-async\/bullmq"|from "@hono\/node-server"/.test(code);
/**
 * README examples that serve winrt-async/http through @hono/node-server: Hono's own declarations name DOM types
 * (`CloseEvent`), so these compile with Node's types and the DOM lib (the other Node examples prove the no-DOM case).
 */
const needsBridgeTypes = (code) => /from "@hono\/node-server"/.test(code);
const readmeFolder = (code) => (needsBridgeTypes(code) ? "readme-bridge" : needsNodeTypes(code) ? "readme-node" : "readme");

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const typescriptVersion = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
/** The lowest TypeScript the README promises, as the pinned development dependency `typescript-5.2` holds it. */
const MIN_TYPESCRIPT = typescriptVersion("typescript-5.2");
const CURRENT_TYPESCRIPT = typescriptVersion("typescript");

const bin = (name) => join(root, "node_modules/.bin", name);
const scratch = mkdtempSync(join(tmpdir(), "winrt-async-smoke-"));
const app = join(scratch, "app");
const results = [];

/** Runs a program; resolves with its output, rejects with an error carrying stdout and stderr. */
function run(cmd, args, { cwd = app, timeout = 120_000, env = {} } = {}) {
  return new Promise((resolveRun, rejectRun) => {
    execFile(
      cmd,
      args,
      { cwd, timeout, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_loglevel: "error", NO_COLOR: "1", ...env } },
      (error, stdout, stderr) => {
        if (error) {
          rejectRun(Object.assign(new Error(`${relative(root, cmd) || cmd} ${args.join(" ")} failed (${error.code ?? error.signal})\n${stdout}${stderr}`), { stdout, stderr }));
        } else {
          resolveRun({ stdout, stderr });
        }
      },
    );
  });
}

async function check(name, body) {
  try {
    const detail = await body();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}${detail ? ` (${detail})` : ""}`);
  } catch (error) {
    const text = String(error?.stack ?? error).trim();
    results.push({ name, ok: false, error: text });
    console.log(`  ✗ ${name}\n${text.replace(/^/gm, "      ")}`);
  }
}

const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

// The same checks in every runtime: an entry that imports the package by name and prints smoke()'s summary.
const smokeEntry = `import * as lib from "winrt-async";
import { smoke } from "./runtime-smoke.mjs";
console.log(await smoke(lib));
`;
// Runtimes with native \`using\` (not Node 20/22) also run test/smoke/using-smoke.mjs.
const smokeWithUsingEntry = `import * as lib from "winrt-async";
import { smoke } from "./runtime-smoke.mjs";
import { usingSmoke } from "./using-smoke.mjs";
console.log(\`\${await smoke(lib)}; \${await usingSmoke(lib)}\`);
`;

// winrt-async/http in each runtime: the same protocol checks (test/smoke/http-smoke.mjs), served the runtime's way,
// then the client against the same kind of server (test/smoke/http-client-smoke.mjs).
const httpEntries = {
  "http-node.mjs": `import * as lib from "winrt-async";
import * as http from "winrt-async/http";
import { serve as listen } from "@hono/node-server";
import { once } from "node:events";
import { httpSmoke } from "./http-smoke.mjs";
import { httpClientSmoke } from "./http-client-smoke.mjs";
const serve = async (handler) => {
  const server = listen({ fetch: handler, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  return { origin: \`http://127.0.0.1:\${server.address().port}\`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
};
console.log(\`\${await httpSmoke(http, serve)}; \${await httpClientSmoke(lib, http, serve)}\`);
`,
  "http-node.cjs": `const lib = require("winrt-async");
const http = require("winrt-async/http");
const { serve: listen } = require("@hono/node-server");
const { once } = require("node:events");
if (!require.resolve("winrt-async/http").endsWith(".cjs")) throw new Error("require did not load the CommonJS build");
const serve = async (handler) => {
  const server = listen({ fetch: handler, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  return { origin: \`http://127.0.0.1:\${server.address().port}\`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
};
Promise.all([import("./http-smoke.mjs"), import("./http-client-smoke.mjs")])
  .then(async ([{ httpSmoke }, { httpClientSmoke }]) => \`\${await httpSmoke(http, serve)}; \${await httpClientSmoke(lib, http, serve)}\`)
  .then(console.log, (error) => { console.error(error); process.exitCode = 1; });
`,
  "http-deno.mjs": `import * as lib from "winrt-async";
import * as http from "winrt-async/http";
import { httpSmoke } from "./http-smoke.mjs";
import { httpClientSmoke } from "./http-client-smoke.mjs";
const serve = async (handler) => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  return { origin: \`http://127.0.0.1:\${server.addr.port}\`, close: () => server.shutdown() };
};
console.log(\`\${await httpSmoke(http, serve)}; \${await httpClientSmoke(lib, http, serve)}\`);
`,
  "http-bun.mjs": `import * as lib from "winrt-async";
import * as http from "winrt-async/http";
import { httpSmoke } from "./http-smoke.mjs";
import { httpClientSmoke } from "./http-client-smoke.mjs";
const serve = async (handler) => {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
  return { origin: \`http://127.0.0.1:\${server.port}\`, close: () => server.stop(true) };
};
console.log(\`\${await httpSmoke(http, serve)}; \${await httpClientSmoke(lib, http, serve)}\`);
`,
};

async function main() {
  console.log("packaging and runtime smoke tests:");
  let tarball;
  await check("npm pack: the tarball holds dist/, src/ (what the source maps name), README, LICENSE, CHANGELOG; no tests", async () => {
    const packDir = join(scratch, "pack");
    mkdirSync(packDir);
    await run("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: root });
    const name = readdirSync(packDir).find((file) => file.endsWith(".tgz"));
    if (!name) throw new Error("npm pack produced no tarball");
    tarball = join(packDir, name);
    const listing = (await run("tar", ["-tzf", tarball], { cwd: scratch })).stdout.split("\n").filter(Boolean);
    const required = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/index.js.map", "src/index.ts", "README.md", "LICENSE", "CHANGELOG.md", "package.json"];
    for (const file of required) if (!listing.includes(`package/${file}`)) throw new Error(`the tarball lacks ${file}`);
    const stray = listing.filter((file) => /^package\/(test|bench|demo|docs|scripts|node_modules|\.tmp)\//.test(file));
    if (stray.length > 0) throw new Error(`the tarball ships ${stray.join(", ")}`);
    return `${name}, ${listing.length} files`;
  });
  if (!tarball) return;

  await check("npm install of the tarball into a fresh project prints no warning (no install scripts to approve)", async () => {
    write(join(app, "package.json"), JSON.stringify({ name: "smoke-app", private: true, type: "module" }));
    // As a user runs it: scripts allowed and npm's default log level, so its install-scripts warning would show.
    const { stderr } = await run("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { env: { npm_config_loglevel: "warn" } });
    const warnings = stderr.split("\n").filter((line) => /\bwarn\b/i.test(line));
    // The optional peer dependencies of the subpaths (for examples that use them), as the app would install them.
    const peers = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).peerDependencies ?? {});
    for (const peer of peers) {
      if (existsSync(join(root, "node_modules", peer)) && !existsSync(join(app, "node_modules", peer))) {
        mkdirSync(dirname(join(app, "node_modules", peer)), { recursive: true }); // a scoped peer (@hono/node-server)
        symlinkSync(join(root, "node_modules", peer), join(app, "node_modules", peer), "dir");
      }
    }
    writeFileSync(join(app, "runtime-smoke.mjs"), readFileSync(join(root, "test/smoke/runtime-smoke.mjs")));
    writeFileSync(join(app, "using-smoke.mjs"), readFileSync(join(root, "test/smoke/using-smoke.mjs")));
    writeFileSync(join(app, "smoke.mjs"), smokeEntry);
    writeFileSync(join(app, "smoke-using.mjs"), smokeWithUsingEntry);
    writeFileSync(join(app, "http-smoke.mjs"), readFileSync(join(root, "test/smoke/http-smoke.mjs")));
    writeFileSync(join(app, "http-client-smoke.mjs"), readFileSync(join(root, "test/smoke/http-client-smoke.mjs")));
    for (const [file, text] of Object.entries(httpEntries)) writeFileSync(join(app, file), text);
    if (warnings.length > 0) throw new Error(`npm printed:\n${warnings.join("\n")}`);
  });
  const installed = join(app, "node_modules/winrt-async");
  if (!existsSync(join(installed, "package.json"))) return;

  // Runtimes.
  await check("Node ESM: import by name", async () => (await run(process.execPath, ["smoke.mjs"])).stdout.trim());
  await check("Node CommonJS: require by name", async () => {
    write(
      join(app, "smoke.cjs"),
      `const lib = require("winrt-async");
if (typeof lib.AsyncOperation !== "function" || require.resolve("winrt-async").endsWith(".js")) throw new Error("require did not load the CommonJS build");
import("./runtime-smoke.mjs").then(({ smoke }) => smoke(lib)).then(console.log, (error) => { console.error(error); process.exitCode = 1; });
`,
    );
    return (await run(process.execPath, ["smoke.cjs"])).stdout.trim();
  });
  await check("subpaths from the tarball in ESM and CommonJS: worker runs a task; winjs, diagnostics and bullmq load and share the root's classes", async () => {
    write(
      join(app, "subpath-tasks.mjs"),
      `import { expose } from "winrt-async/worker";
export const tasks = expose({ square: (n, ctx) => { ctx.report(n); return n * n; } });
`,
    );
    write(
      join(app, "subpaths.mjs"),
      `import { AsyncOperation, AsyncOperationWithProgress, CanceledError, DisconnectedError } from "winrt-async";
import { WorkerPool } from "winrt-async/worker";
import { WinJSPromise, toWinJS } from "winrt-async/winjs";
import { liveOperations, trackOperations } from "winrt-async/diagnostics";
import { JobClient, serve, DisconnectedError as QueueDisconnected } from "winrt-async/bullmq";
const pool = new WorkerPool(new URL("./subpath-tasks.mjs", import.meta.url), { size: 1 });
const op = pool.run("square", 7);
const seen = [];
op.onProgress((p) => seen.push(p));
if (!(op instanceof AsyncOperationWithProgress) || (await op) !== 49 || seen.join() !== "7") throw new Error("worker: wrong result");
await pool.close();
const winjs = toWinJS(AsyncOperation.fromResult(5));
if (!(winjs instanceof WinJSPromise) || (await new Promise((c) => winjs.done(c))) !== 5) throw new Error("winjs");
const tracking = trackOperations();
const live = AsyncOperation.run(() => new Promise(() => {}));
if (!liveOperations().some((entry) => entry.id === live.id)) throw new Error("diagnostics");
live.cancel();
tracking[Symbol.dispose]();
if (typeof JobClient !== "function" || typeof serve !== "function" || QueueDisconnected !== DisconnectedError) throw new Error("bullmq");
if (!(new CanceledError() instanceof Error)) throw new Error("root");
console.log("esm: worker, winjs, diagnostics, bullmq");
`,
    );
    write(
      join(app, "subpaths.cjs"),
      `const { AsyncOperation, AsyncOperationWithProgress, DisconnectedError } = require("winrt-async");
const { WorkerPool } = require("winrt-async/worker");
const { WinJSPromise, toWinJS } = require("winrt-async/winjs");
const { liveOperations, trackOperations } = require("winrt-async/diagnostics");
const bullmq = require("winrt-async/bullmq");
if (!require.resolve("winrt-async/worker").endsWith(".cjs")) throw new Error("require did not load the CommonJS build");
const pool = new WorkerPool(require("node:path").join(__dirname, "subpath-tasks.mjs"), { size: 1 });
const op = pool.run("square", 6);
if (!(op instanceof AsyncOperationWithProgress)) throw new Error("worker: not an AsyncOperationWithProgress");
op.then(async (value) => {
  if (value !== 36) throw new Error("worker: wrong result");
  await pool.close();
  if (!(toWinJS(AsyncOperation.fromResult(1)) instanceof WinJSPromise)) throw new Error("winjs");
  const tracking = trackOperations();
  const live = AsyncOperation.run(() => new Promise(() => {}));
  if (!liveOperations().some((entry) => entry.id === live.id)) throw new Error("diagnostics");
  live.cancel();
  tracking[Symbol.dispose]();
  if (typeof bullmq.JobClient !== "function" || bullmq.DisconnectedError !== DisconnectedError) throw new Error("bullmq");
  console.log("cjs: worker, winjs, diagnostics, bullmq");
}).catch((error) => { console.error(error); process.exitCode = 1; });
`,
    );
    const esm = (await run(process.execPath, ["subpaths.mjs"])).stdout.trim();
    const cjs = (await run(process.execPath, ["subpaths.cjs"])).stdout.trim();
    return `${esm}; ${cjs}`;
  });
  await check("Deno: import by name (node_modules resolution), native using", async () => {
    const env = { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(scratch, "deno-cache") };
    return (await run(bin("deno"), ["run", "--no-prompt", "--quiet", "smoke-using.mjs"], { env })).stdout.trim();
  });
  await check("Bun: import by name, native using", async () => (await run(bin("bun"), ["smoke-using.mjs"])).stdout.trim());
  await check("Chromium (headless, playwright-core): the ESM build through an import map, native using", chromiumSmoke);
  await check("winrt-async/http from the tarball: Node ESM and CommonJS through @hono/node-server", async () => {
    const esm = (await run(process.execPath, ["http-node.mjs"])).stdout.trim();
    const cjs = (await run(process.execPath, ["http-node.cjs"])).stdout.trim();
    return `esm ${esm}; cjs ${cjs}`;
  });
  await check("winrt-async/http in Deno: the handler as is to Deno.serve", async () => {
    const env = { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(scratch, "deno-cache") };
    return (await run(bin("deno"), ["run", "--no-prompt", "--quiet", "--allow-net=127.0.0.1", "http-deno.mjs"], { env })).stdout.trim();
  });
  await check("winrt-async/http in Bun: the handler as is to Bun.serve", async () => (await run(bin("bun"), ["http-bun.mjs"])).stdout.trim());

  // Types and the documentation's examples.
  const examples = documentationExamples(root);
  const readme = examples.filter((example) => example.file === "README.md");
  const docs = examples.filter((example) => example.file !== "README.md");
  await check(`types: a strict consumer (default lib, types: []) compiles against the tarball with ${readme.length} README examples`, async () => {
    write(
      join(app, "consumer/consumer.ts"),
      `import { AsyncOperationWithProgress, type Disposable, type IAsyncOperationWithProgress } from "winrt-async";
const op: IAsyncOperationWithProgress<string, number> = AsyncOperationWithProgress.run<string, number>((ctx) => { ctx.report(1); return "x"; });
export const result: Promise<string> = AsyncOperationWithProgress.fromResult<string, number>("y").then((v) => v.toUpperCase());
export const status: number = op.status;
export const subscription: Disposable = AsyncOperationWithProgress.fromResult<string, number>("z").onProgress(() => {});
subscription[Symbol.dispose]();
`,
    );
    write(
      join(app, "consumer/consumer.cts"),
      `import { AsyncAction } from "winrt-async";
export const action: Promise<void> = AsyncAction.fromResult().then(() => undefined);
`,
    );
    for (const example of readme) {
      const folder = readmeFolder(example.code);
      write(join(app, `consumer/${folder}`, `${example.name}.ts`), example.code);
    }
    write(
      join(app, "consumer/tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: [],
          skipLibCheck: false,
          noEmitOnError: true,
          outDir: "out",
          rootDir: ".",
        },
        include: ["*.ts", "*.cts", "readme/*.ts"],
      }),
    );
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "consumer/tsconfig.json"]);
    return `${readme.filter((example) => !needsNodeTypes(example.code)).length} without Node's types`;
  });
  await check(`types: every entry point of package.json "exports" compiles (ESM and CommonJS, skipLibCheck off) with TypeScript ${MIN_TYPESCRIPT} (the README's floor) and ${CURRENT_TYPESCRIPT}`, entryPointTypes);
  await check("types: README examples for Node (node: modules, or winrt-async/bullmq, whose peer BullMQ's types need @types/node) compile with Node's types and no DOM", async () => {
    const nodeExamples = readme.filter((example) => needsNodeTypes(example.code) && !needsBridgeTypes(example.code));
    if (nodeExamples.length === 0) return "none";
    write(
      join(app, "consumer/tsconfig.node.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          lib: ["ES2022"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          typeRoots: [join(root, "node_modules/@types")],
          skipLibCheck: false,
          noEmitOnError: true,
          outDir: "out",
          rootDir: ".",
        },
        include: ["readme-node/*.ts"],
      }),
    );
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "consumer/tsconfig.node.json"]);
    return `${nodeExamples.length} examples`;
  });
  await check("types: README examples that serve winrt-async/http through @hono/node-server compile with Node's types and the DOM lib", async () => {
    const bridgeExamples = readme.filter((example) => needsBridgeTypes(example.code));
    if (bridgeExamples.length === 0) return "none";
    write(
      join(app, "consumer/tsconfig.bridge.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          typeRoots: [join(root, "node_modules/@types")],
          skipLibCheck: false,
          noEmitOnError: true,
          outDir: "out",
          rootDir: ".",
        },
        include: ["readme-bridge/*.ts"],
      }),
    );
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "consumer/tsconfig.bridge.json"]);
    return `${bridgeExamples.length} examples`;
  });
  await check("types: the consumer also compiles with an older lib (target ES2020) and with Node's types instead of the DOM", async () => {
    const variants = {
      es2020: { target: "ES2020", types: [] },
      "node-no-dom": { target: "ES2022", lib: ["ES2022"], types: ["node"], typeRoots: [join(root, "node_modules/@types")] },
    };
    for (const [name, options] of Object.entries(variants)) {
      write(
        join(app, `consumer/tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: false, noEmit: true, ...options },
          files: ["consumer.ts", "consumer.cts"],
        }),
      );
      await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", `consumer/tsconfig.${name}.json`]);
    }
    return Object.keys(variants).join(", ");
  });
  // The Scaling-out example needs a Redis: one for all examples, stopped afterwards (REDIS_URL is used as given).
  const redis = readme.some((example) => example.code.includes("winrt-async/bullmq")) ? await startRedis() : undefined;
  try {
    for (const example of readme) {
      await check(`README.md:${example.line} runs as written`, async () => {
        const folder = readmeFolder(example.code);
        const compiled = join(app, `consumer/out/${folder}`, `${example.name}.js`);
        if (!existsSync(compiled)) throw new Error("not compiled (see the types check above)");
        const env = redis ? { REDIS_URL: redis.url } : {};
        const { stderr } = await run(process.execPath, [compiled], { timeout: 30_000, env });
        if (stderr.trim() !== "") throw new Error(`wrote to stderr:\n${stderr}`);
      });
    }
  } finally {
    await redis?.stop();
  }
  await check(`docs: ${docs.length} examples in docs/**/*.md compile against the tarball`, async () => {
    if (docs.length === 0) return "none yet";
    for (const example of docs) write(join(app, "docs-examples", `${example.name}.ts`), example.code);
    write(
      join(app, "docs-examples/tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          // The guides may use Node's APIs (workers, queues); the README's examples may not.
          types: ["node"],
          typeRoots: [join(root, "node_modules/@types")],
          skipLibCheck: true,
          noEmit: true,
        },
        include: ["*.ts"],
      }),
    );
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "docs-examples/tsconfig.json"]);
    return [...new Set(docs.map((example) => example.file))].join(", ");
  });

  await check("docs: every relative link in README.md and docs/**/*.md names a file of the repository (and a heading)", async () => {
    const broken = brokenLinks(root);
    if (broken.length > 0) throw new Error(broken.join("\n"));
  });

  // Stack traces, size, docs.
  await check("stack traces from the packed package resolve to shipped files (node --enable-source-maps), ESM and CommonJS", async () => {
    const thrower = `const op = lib.AsyncOperation.fromResult(1);
op.close();
try { op.getResults(); } catch (error) { console.log(error.stack); }
`;
    write(join(app, "stack.mjs"), `import * as lib from "winrt-async";\n${thrower}`);
    write(join(app, "stack.cjs"), `const lib = require("winrt-async");\n${thrower}`);
    let frames = 0;
    for (const file of ["stack.mjs", "stack.cjs"]) {
      const { stdout } = await run(process.execPath, ["--enable-source-maps", file]);
      const sources = [...stdout.matchAll(/(?:\(|at )((?:file:\/\/)?[^\s()]+\.ts):\d+:\d+/g)].map((m) => m[1].replace(/^file:\/\//, ""));
      if (sources.length === 0) throw new Error(`${file}: no frame names a .ts source:\n${stdout}`);
      for (const source of sources) {
        if (!existsSync(source)) throw new Error(`${file}: the stack names ${source}, which is not on disk:\n${stdout}`);
        if (!resolve(source).startsWith(installed + sep)) throw new Error(`${file}: ${source} is outside the installed package`);
      }
      frames += sources.length;
    }
    return `${frames} frames, e.g. in src/core/`;
  });
  await check(`size: the root entry is at most ${ROOT_BUDGET_BYTES / 1024} KB minified + gzipped`, async () => {
    const sizes = await measureEntries(join(installed, "dist"));
    const rootEntry = sizes.find((entry) => entry.entry === "winrt-async");
    if (!rootEntry) throw new Error("no root entry in dist/");
    if (rootEntry.gzipped > ROOT_BUDGET_BYTES) throw new Error(`${rootEntry.gzipped} bytes`);
    return sizes.map((entry) => `${entry.entry} ${(entry.gzipped / 1024).toFixed(1)} KB`).join(", ");
  });
  await check("docs: `npm run docs` (TypeDoc, warnings are errors) builds the site with the guides", async () => {
    const out = join(scratch, "docs-site");
    const { stdout, stderr } = await run(process.execPath, [join(root, "node_modules/typedoc/bin/typedoc"), "--out", out], { cwd: root });
    const noise = `${stdout}${stderr}`.trim();
    if (noise !== "") throw new Error(`TypeDoc printed:\n${noise}`);
    if (!existsSync(join(out, "index.html"))) throw new Error("no index.html");
    const guides = existsSync(join(root, "docs/guides")) ? readdirSync(join(root, "docs/guides")).filter((f) => f.endsWith(".md")) : [];
    const documents = existsSync(join(out, "documents")) ? readdirSync(join(out, "documents")) : [];
    if (documents.length < guides.length) throw new Error(`${guides.length} guides but ${documents.length} documents in the site`);
    return `${guides.length} guides`;
  });
}

/**
 * The packed types of every entry point package.json exports (so a new subpath is covered without a change here),
 * imported from an ESM and a CommonJS consumer (the `import` and `require` types conditions), compiled with the
 * lowest TypeScript the README promises (the pinned `typescript-5.2` development dependency) and the current one.
 */
async function entryPointTypes() {
  const { exports } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const specifiers = Object.keys(exports)
    .filter((key) => key !== "./package.json")
    .map((key) => `winrt-async${key.slice(1)}`);
  const source = `${specifiers.map((specifier, i) => `import * as entry${i} from "${specifier}";`).join("\n")}
export const entries = [${specifiers.map((_, i) => `entry${i}`).join(", ")}];
`;
  write(join(app, "entry-types/esm.ts"), source);
  write(join(app, "entry-types/cjs.cts"), source);
  write(
    join(app, "entry-types/tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        // winrt-async/bullmq brings its peer BullMQ, whose types need Node's.
        lib: ["ES2022"],
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        skipLibCheck: false,
        noEmit: true,
      },
      files: ["esm.ts", "cjs.cts"],
    }),
  );
  for (const compiler of ["typescript-5.2", "typescript"]) {
    await run(process.execPath, [join(root, "node_modules", compiler, "bin/tsc"), "-p", "entry-types/tsconfig.json"]);
  }
  return specifiers.join(", ");
}

async function chromiumSmoke() {
  write(
    join(app, "browser.html"),
    `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "winrt-async": "/node_modules/winrt-async/dist/index.js" } }</script>
<script type="module">
import * as lib from "winrt-async";
import { smoke } from "/runtime-smoke.mjs";
import { usingSmoke } from "/using-smoke.mjs";
(async () => \`\${await smoke(lib)}; \${await usingSmoke(lib)}\`)().then(
  (summary) => { window.smokeResult = { ok: true, summary }; },
  (error) => { window.smokeResult = { ok: false, summary: String(error?.stack ?? error) }; },
);
</script>
`,
  );
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json" };
  const server = createServer((request, response) => {
    const path = join(app, decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname));
    if (!path.startsWith(app + sep) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(response);
  });
  await new Promise((listening) => server.listen(0, "127.0.0.1", listening));
  const { chromium } = await import("playwright-core");
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, timeout: 60_000 });
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/browser.html`);
    const handle = await page.waitForFunction(() => globalThis.smokeResult, undefined, { timeout: 60_000 });
    const result = await handle.jsonValue();
    if (!result.ok) throw new Error(result.summary);
    if (pageErrors.length > 0) throw new Error(`the page reported: ${pageErrors.join("; ")}`);
    return `${result.summary}; ${await browser.version()}`;
  } finally {
    await browser?.close();
    await new Promise((closed) => server.close(closed));
  }
}

try {
  await main();
} catch (error) {
  results.push({ name: "smoke test harness", ok: false, error: String(error?.stack ?? error) });
  console.log(`  ✗ the smoke test harness failed: ${error?.stack ?? error}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const failed = results.filter((result) => !result.ok).length;
mkdirSync(join(root, ".tmp"), { recursive: true });
writeFileSync(join(root, ".tmp/smoke-results.json"), JSON.stringify({ passed: results.length - failed, failed, results }, null, 2));
console.log(`packaging and runtime smoke tests: ${results.length - failed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
