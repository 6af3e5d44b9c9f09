// The same checks in every runtime the packed package is smoke-tested in (Node ESM and CommonJS, Chromium, Deno,
// Bun): `smoke(lib)` takes the imported package, exercises the public API through it, and resolves with a short
// summary, or rejects naming the first thing that went wrong. No imports: each runtime hands in the package.
export async function smoke(lib) {
  const { AsyncOperation, AsyncOperationWithProgress, AsyncAction, AsyncStatus, HResult, CanceledError, TimeoutError } = lib;
  const check = (condition, what) => {
    if (!condition) throw new Error(`runtime smoke: ${what}`);
  };

  // Hot start, await, status.
  const op = AsyncOperation.run(async () => 41 + 1);
  check((await op) === 42 && op.status === AsyncStatus.completed, "run + await gives the result");

  // Progress through the handler, a listener and progressUpdates, in order.
  const seen = [];
  const withProgress = AsyncOperationWithProgress.run(async (ctx) => {
    for (let i = 1; i <= 3; i++) {
      await Promise.resolve();
      ctx.report(i);
    }
    return "done";
  });
  withProgress.progress = (_op, value) => seen.push(`h${value}`);
  const subscription = withProgress.onProgress((value) => seen.push(`l${value}`));
  check((await withProgress) === "done" && seen.join() === "h1,l1,h2,l2,h3,l3", `progress order ${seen.join()}`);
  subscription[Symbol.dispose ?? Symbol.for("Symbol.dispose")]();
  const iterated = [];
  for await (const value of lib.progressUpdates(AsyncOperationWithProgress.run(async (ctx) => {
    await Promise.resolve();
    ctx.report("p");
  }))) iterated.push(value);
  check(iterated.join() === "p", "progressUpdates yields the last value");

  // Cancellation: status at once, CanceledError with ERROR_CANCELLED, the body's signal aborted.
  let signal;
  const canceled = AsyncOperation.run((ctx) => {
    signal = ctx.signal;
    return new Promise((resolve) => ctx.onCancel(resolve));
  });
  canceled.cancel();
  check(canceled.status === AsyncStatus.canceled && signal.aborted, "cancel: status and signal at once");
  const error = await lib.toPromise(canceled).catch((e) => e);
  check(error instanceof CanceledError && error.hresult === HResult.ERROR_CANCELLED && lib.isCanceledError(error), "cancel: CanceledError");

  // A consumer-side signal, an already-aborted run signal.
  const controller = new AbortController();
  const pending = AsyncOperation.run((ctx) => new Promise((resolve) => ctx.onCancel(resolve)));
  const viaSignal = lib.toPromise(pending, { signal: controller.signal });
  controller.abort();
  check((await viaSignal.catch((e) => e)) instanceof CanceledError && pending.status === AsyncStatus.canceled, "toPromise signal");
  check(AsyncAction.run(() => undefined, { signal: AbortSignal.abort() }).status === AsyncStatus.canceled, "pre-aborted signal");

  // Combinators and their timers.
  const [a, b] = await lib.whenAll([AsyncOperation.fromResult(1), Promise.resolve(2)]);
  check(a === 1 && b === 2, "whenAll");
  check((await lib.whenAny([lib.delay(1).then(() => "fast"), new Promise(() => {})])) === "fast", "whenAny");
  const timedOut = await lib.withTimeout(AsyncOperation.run((ctx) => new Promise((r) => ctx.onCancel(r))), 1).catch((e) => e);
  check(timedOut instanceof TimeoutError && timedOut.hresult === HResult.ERROR_TIMEOUT, "withTimeout");

  // Errors: hresult kept, misuse throws synchronously, unobserved errors reach the listener.
  const failed = AsyncOperation.fromError(new lib.AsyncError("x", { hresult: HResult.E_INVALIDARG }));
  check(lib.hresultOf(failed.errorCode) === HResult.E_INVALIDARG, "hresultOf");
  const running = AsyncAction.run(() => new Promise(() => {}));
  let threw;
  try {
    running.close();
  } catch (e) {
    threw = e;
  }
  check(threw instanceof lib.IllegalStateChangeError, "close while started throws");
  running.cancel();
  running.close();
  const reported = [];
  const unobserved = lib.onUnobservedError((e) => reported.push(e));
  AsyncOperation.run(() => {
    throw new Error("unobserved");
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  unobserved[Symbol.dispose ?? Symbol.for("Symbol.dispose")]();
  check(reported.length === 1 && reported[0].message === "unobserved", "onUnobservedError");

  return `ok: ${Object.keys(lib).length} exports`;
}
