// DESIGN 4.1: inputs and results are structured-cloned; a transfer list detaches at run; transfer(value, list)
// moves a result's buffers; a SharedArrayBuffer stays shared.
import { describe, expect, it } from "vitest";
import { fixturePool, flagSet } from "../helpers/worker.js";
import { transfer } from "../../src/worker/index.js";

describe("transfer", () => {
  it("a transfer list detaches the input's buffers when run returns", async () => {
    await using pool = fixturePool();
    const bytes = new Uint8Array(1024);
    const op = pool.run("byteLength", { bytes }, { transfer: [bytes.buffer] });
    expect(bytes.byteLength).toBe(0);
    expect(await op).toBe(1024);
  });

  it("a result marked with transfer() arrives with its buffer", async () => {
    await using pool = fixturePool();
    const result = (await pool.run("makeBuffer", 4096)) as { bytes: Uint8Array };
    expect(result.bytes.byteLength).toBe(4096);
    expect(result.bytes[100]).toBe(7);
  });

  it("a SharedArrayBuffer stays shared", async () => {
    await using pool = fixturePool();
    const buffer = new SharedArrayBuffer(24);
    const flags = new Int32Array(buffer);
    const op = pool.run("spin", buffer);
    await flagSet(flags, 0);
    op.cancel();
    await op[Symbol.asyncDispose]();
    expect(Atomics.load(flags, 1)).toBe(1);
  });

  it("transfer() returns its value and checks its arguments", () => {
    const value = { bytes: new Uint8Array(1) };
    expect(transfer(value, [value.bytes.buffer])).toBe(value);
    expect(() => transfer(1, [])).toThrow(TypeError);
    expect(() => transfer({}, {} as Transferable[])).toThrow(TypeError);
  });
});
