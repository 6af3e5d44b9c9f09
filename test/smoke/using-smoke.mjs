// Native `using` and `await using` over the package's operations, for the runtimes that run them without a
// compiler (Deno, Bun, Chromium; Node 20 and 22 do not, so Node's smoke leaves this file out). Resolves with a
// short summary or rejects naming what went wrong.
export async function usingSmoke(lib) {
  const { AsyncOperation, AsyncStatus } = lib;
  const pending = () => AsyncOperation.run((ctx) => new Promise((resolve) => ctx.onCancel(resolve)));
  let kept;
  {
    using op = pending();
    kept = op;
  }
  let threw = false;
  try {
    void kept.status;
  } catch (error) {
    threw = error instanceof lib.IllegalMethodCallError;
  }
  if (!threw) throw new Error("using: the operation was not canceled and closed at the end of the block");
  const log = [];
  {
    await using op = AsyncOperation.run(async (ctx) => {
      try {
        await new Promise((resolve) => ctx.onCancel(resolve));
      } finally {
        log.push("body finally");
      }
    });
    log.push(`in block, status ${op.status === AsyncStatus.started ? "started" : op.status}`);
  }
  log.push("after block");
  if (log.join() !== "in block, status started,body finally,after block") throw new Error(`await using: ${log.join()}`);
  return "using and await using ok";
}
