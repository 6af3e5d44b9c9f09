// The client part of the winrt-async/http runtime smoke (Node ESM and CommonJS, Deno, Bun; see
// test/smoke/pack-smoke.mjs, which runs it after test/smoke/http-smoke.mjs): `httpClientSmoke(lib, http, serve)`
// serves a real operationsHandler the runtime's way (`serve`, as http-smoke.mjs takes it) and drives it with an
// OperationClient over a real connection: a run with progress and its result, an attach, a cancel that reaches the
// body's signal, a 404 mapped to ERROR_NOT_FOUND. Resolves with a short summary, or rejects naming the first thing
// that went wrong. No imports: each runtime hands in the packages.
export async function httpClientSmoke(lib, http, serve) {
  const { AsyncStatus, CanceledError, HResult } = lib;
  const check = (condition, what) => {
    if (!condition) throw new Error(`http smoke: ${what}`);
  };
  let bodySignal;
  const tasks = {
    async count(n, ctx) {
      for (let i = 1; i <= n; i++) {
        ctx.report(i);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return n * 10;
    },
    wait(_input, ctx) {
      bodySignal = ctx.signal;
      ctx.report(0);
      return new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve("aborted")));
    },
  };
  const handler = http.operationsHandler(tasks);
  const { origin, close } = await serve(handler);
  const client = new http.OperationClient(`${origin}/ops`, { reconnect: { delayMs: 1 } });
  try {
    const op = client.run("count", 3);
    check(op.status === AsyncStatus.started, "run is hot");
    const seen = [];
    op.onProgress((value) => seen.push(value));
    check((await op) === 30 && seen.at(-1) === 3, `run: result and progress (${seen.join()})`);
    check((await client.attach(op.operationId)) === 30, "attach an ended operation");

    const waiting = client.run("wait");
    await new Promise((resolve) => waiting.onProgress(resolve));
    waiting.cancel();
    check(waiting.status === AsyncStatus.canceled, "cancel: canceled at once");
    const error = await waiting.then(() => undefined, (e) => e);
    check(error instanceof CanceledError, "cancel: CanceledError");
    await waiting[Symbol.asyncDispose]();
    check(bodySignal?.aborted === true, "cancel: the DELETE aborted the body's signal");

    const missing = await client.run("nosuch").then(() => undefined, (e) => e);
    check(missing?.hresult === HResult.ERROR_NOT_FOUND, "404 mapped to ERROR_NOT_FOUND");
  } finally {
    await client.close();
    await handler.close();
    await close();
  }
  return "client: run, attach, cancel, 404";
}
