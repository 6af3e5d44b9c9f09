// DESIGN 4.6 (security): a JSON body with "__proto__" (at the top, in the input, nested) pollutes nothing: no
// prototype gains a property, and the task receives the key as JSON.parse makes it, an own data property.
import { describe, expect, it } from "vitest";
import { useOperationsServer } from "../helpers/http.js";

describe("__proto__ in a body", () => {
  it("reaches no prototype", async () => {
    let received: unknown;
    const { base } = await useOperationsServer({ echo: (x: unknown) => ((received = x), x) });
    const body = '{"__proto__":{"polluted":1},"task":"echo","input":{"__proto__":{"polluted":2},"a":{"constructor":{"prototype":{"polluted":3}}}}}';
    const response = await fetch(base, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(201);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(received, "__proto__")?.value).toEqual({ polluted: 2 });
    // A "task" only on the prototype chain is not a task name.
    const inherited = await fetch(base, { method: "POST", body: '{"__proto__":{"task":"echo"}}', headers: { "content-type": "application/json" } });
    expect(inherited.status).toBe(400);
  });
});
