// DESIGN 4.1: an idle pool never keeps the process alive; a process whose pool is closed exits by itself; an
// idle thread ends after idleTimeoutMs. Whole-process tests: a script against the built package must end on its own.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";
import { fixturePool, tasksUrl } from "../helpers/worker.js";

const workerEntry = pathToFileURL(resolve(import.meta.dirname, "../../dist/worker/index.js")).href;
const script = (body: string): string => `
import { WorkerPool } from ${JSON.stringify(workerEntry)};
const pool = new WorkerPool(new URL(${JSON.stringify(tasksUrl.href)}), { size: 2, idleTimeoutMs: 3_600_000 });
${body}
`;

describe("a pool never keeps the process alive", () => {
  it("a process whose pool is idle (not closed, hour-long idle timeout) exits by itself", () => {
    const result = runScript(
      script(`
const results = await Promise.all([pool.run("echo", 1), pool.run("later", 2), pool.run("steps", 3)]);
console.log(JSON.stringify(results));
`),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("[1,2,3]");
    expect(result.status).toBe(0);
  });

  it("a process whose pool was closed exits by itself, with every operation settled", () => {
    const result = runScript(
      script(`
const buffer = new SharedArrayBuffer(24);
const running = pool.run("waitCancel", buffer);
await pool.run("echo", 0);
await pool.close();
console.log(running.status, pool.snapshot().threads);
`),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("2 0");
    expect(result.status).toBe(0);
  });

  it("a process whose pool still runs an operation stays alive until it ends", () => {
    const result = runScript(
      script(`
pool.run("later", "late").then((value) => console.log(value));
`),
    );
    expect(result.stdout.trim()).toBe("late");
    expect(result.status).toBe(0);
  });

  it("an idle thread ends after idleTimeoutMs", async () => {
    await using pool = fixturePool({ idleTimeoutMs: 0 });
    expect(await pool.run("echo", 1)).toBe(1);
    await expect.poll(() => pool.snapshot().threads).toBe(0);
    expect(await pool.run("echo", 2)).toBe(2);
  });
});
