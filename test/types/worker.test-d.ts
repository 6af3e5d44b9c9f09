// Type tests of winrt-async/worker: pool.run is typed from the exposed tasks (names, inputs, results, progress);
// wrong names, inputs and progress types are compile errors; transfer keeps the value's type.
import { describe, expectTypeOf, it } from "vitest";
import {
  AsyncOperationWithProgress,
  DisconnectedError,
  HResult,
  type AsyncContext,
  type AsyncProgressContext,
} from "../../src/index.js";
import {
  WorkerPool,
  expose,
  transfer,
  type TaskInput,
  type TaskName,
  type TaskProgress,
  type TaskResult,
  type WorkerPoolSnapshot,
} from "../../src/worker/index.js";

const tasks = expose({
  add: (input: { a: number; b: number }) => input.a + input.b,
  async resize(input: { bytes: Uint8Array; width: number }, ctx: AsyncProgressContext<number>) {
    ctx.report(0.5);
    ctx.throwIfCanceled();
    return transfer({ pixels: input.bytes }, [input.bytes.buffer as ArrayBuffer]);
  },
  noInput: () => "done" as const,
  quiet: async (name: string, ctx: AsyncContext) => (ctx.canceled ? "" : name.length),
  labels: (count: number, ctx: AsyncProgressContext<{ label: string }>) => {
    ctx.report({ label: "x" });
    return count;
  },
});
type Tasks = typeof tasks;
declare const pool: WorkerPool<Tasks>;

describe("task typing", () => {
  it("names, inputs, results and progress come from the task signatures", () => {
    expectTypeOf<TaskName<Tasks>>().toEqualTypeOf<"add" | "resize" | "noInput" | "quiet" | "labels">();
    expectTypeOf<TaskInput<Tasks, "add">>().toEqualTypeOf<{ a: number; b: number }>();
    expectTypeOf<TaskInput<Tasks, "noInput">>().toEqualTypeOf<undefined>();
    expectTypeOf<TaskResult<Tasks, "resize">>().toEqualTypeOf<{ pixels: Uint8Array }>();
    expectTypeOf<TaskResult<Tasks, "quiet">>().toEqualTypeOf<number | "">();
    expectTypeOf<TaskProgress<Tasks, "resize">>().toEqualTypeOf<number>();
    expectTypeOf<TaskProgress<Tasks, "labels">>().toEqualTypeOf<{ label: string }>();
  });

  it("a task without a ctx, or with a ctx that cannot report, has progress never", () => {
    expectTypeOf<TaskProgress<Tasks, "add">>().toEqualTypeOf<never>();
    expectTypeOf<TaskProgress<Tasks, "quiet">>().toEqualTypeOf<never>();
  });

  it("expose returns its argument unchanged", () => {
    expectTypeOf(tasks.add).toEqualTypeOf<(input: { a: number; b: number }) => number>();
  });

  it("transfer(value, list) is typed as value", () => {
    const value = { bytes: new Uint8Array(1) };
    expectTypeOf(transfer(value, [value.bytes.buffer])).toEqualTypeOf<typeof value>();
  });
});

describe("pool.run", () => {
  it("returns an AsyncOperationWithProgress of the task's result and progress", () => {
    expectTypeOf(pool.run("add", { a: 1, b: 2 })).toEqualTypeOf<AsyncOperationWithProgress<number, never>>();
    expectTypeOf(pool.run("resize", { bytes: new Uint8Array(4), width: 2 }, { transfer: [] })).toEqualTypeOf<
      AsyncOperationWithProgress<{ pixels: Uint8Array }, number>
    >();
    expectTypeOf(pool.run("noInput")).toEqualTypeOf<AsyncOperationWithProgress<"done", never>>();
    expectTypeOf(pool.run("noInput", undefined, { description: "x" })).toEqualTypeOf<
      AsyncOperationWithProgress<"done", never>
    >();
    const op = pool.run("labels", 3);
    op.progress = (_info, progress) => expectTypeOf(progress).toEqualTypeOf<{ label: string }>();
    op.onProgress((progress) => expectTypeOf(progress).toEqualTypeOf<{ label: string }>());
  });

  it("wrong names, inputs, options and progress types are compile errors", () => {
    // @ts-expect-error no such task
    pool.run("nope", 1);
    // @ts-expect-error wrong input type
    pool.run("add", { a: "1", b: 2 });
    // @ts-expect-error the input is required
    pool.run("add");
    // @ts-expect-error unknown option
    pool.run("add", { a: 1, b: 2 }, { priority: 1 });
    const op = pool.run("resize", { bytes: new Uint8Array(4), width: 2 });
    // @ts-expect-error progress is a number
    op.progress = (_info, progress: string) => progress;
  });

  it("the pool's other members", () => {
    expectTypeOf(pool.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(pool.snapshot()).toEqualTypeOf<WorkerPoolSnapshot>();
    expectTypeOf(pool[Symbol.asyncDispose]()).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error the options are checked
    new WorkerPool<Tasks>("x.js", { sise: 2 });
  });

  it("DisconnectedError and RPC_E_DISCONNECTED come from the package root", () => {
    expectTypeOf(new DisconnectedError().hresult).toEqualTypeOf<number>();
    expectTypeOf(HResult.RPC_E_DISCONNECTED).toEqualTypeOf<number>();
  });
});
