// Starts a throwaway `redis-server` on a free 127.0.0.1 port, without persistence, for the suite, the BullMQ
// benchmark and the queue demo; or uses REDIS_URL when set (then nothing is started and `stop` does nothing).
// The server is found through system-programs.mjs (which installs Debian's package when it can).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { redisServerPath } from "./system-programs.mjs";

/** A free TCP port on 127.0.0.1 (the kernel picks it; a tiny race remains, which `startRedis` retries). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function launch(program, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      program,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--protected-mode", "yes", "--loglevel", "notice"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(child);
      }
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", onData);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
}

/**
 * Returns `{ url, host, port, started, stop() }`. With REDIS_URL set it only parses it. Otherwise it starts
 * redis-server (found or installed by `redisServerPath()`) and `stop()` ends it by its PID and waits for its exit.
 */
export async function startRedis() {
  if (process.env.REDIS_URL) {
    const parsed = new URL(process.env.REDIS_URL);
    return { url: process.env.REDIS_URL, host: parsed.hostname, port: Number(parsed.port || 6379), started: false, stop: async () => {} };
  }
  const program = redisServerPath();
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(program, port);
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // A parent that exits without calling stop() (an uncaught exception, process.exit) still ends its server.
      const killOnExit = () => child.kill("SIGKILL");
      process.once("exit", killOnExit);
      void exited.then(() => process.off("exit", killOnExit));
      return {
        url: `redis://127.0.0.1:${port}`,
        host: "127.0.0.1",
        port,
        started: true,
        pid: child.pid,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    } catch (error) {
      lastError = error; // most likely the port was taken between freePort() and the bind: try another one
    }
  }
  throw lastError;
}

/** ioredis/BullMQ connection options for a `redis://host:port` URL (BullMQ workers need maxRetriesPerRequest: null). */
export function connectionOf(url) {
  const parsed = new URL(url);
  const options = { host: parsed.hostname, port: Number(parsed.port || 6379), maxRetriesPerRequest: null };
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.pathname.length > 1) options.db = Number(parsed.pathname.slice(1));
  return options;
}
