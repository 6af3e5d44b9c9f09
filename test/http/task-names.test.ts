// DESIGN 4.6: a task name is looked up among the tasks object's own function properties only: inherited members
// (constructor, toString, __proto__, hasOwnProperty), own non-functions and getters run nothing and answer 404, in
// the same shape as any unknown task.
import { describe, expect, it } from "vitest";
import { HResult } from "../../src/index.js";
import { post, useOperationsServer } from "../helpers/http.js";

describe("task names", () => {
  it("runs own function properties only", async () => {
    let getterRan = false;
    class Base {
      inherited(): string {
        return "inherited";
      }
    }
    const tasks = Object.assign(new Base(), { echo: (x: unknown) => x, notAFunction: 42 });
    Object.defineProperty(tasks, "getter", {
      get() {
        getterRan = true;
        return () => "from getter";
      },
      enumerable: true,
    });
    const { base } = await useOperationsServer(tasks);
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "inherited", "notAFunction", "getter", ""]) {
      const response = await post(base, { task: name, input: 1 });
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: { hresult: number } }).error.hresult).toBe(HResult.ERROR_NOT_FOUND);
    }
    expect(getterRan).toBe(false);
    expect((await post(base, { task: "echo", input: 1 })).status).toBe(201);
  });
});
