// DESIGN 4.6 client, refusals: an HTTP refusal ends the operation in error with an AsyncError whose hresult names
// it: 403 E_ACCESSDENIED (authorize said no), 404 ERROR_NOT_FOUND naming the missing task, 413/415/400
// E_INVALIDARG; the server's envelope is the cause. A refusal is final: nothing is retried.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

const tasks = { echo: (input: unknown) => input };

async function refused(op: PromiseLike<unknown> & { readonly status: AsyncStatus }): Promise<AsyncError> {
  const error = await rejection(op);
  expect(op.status).toBe(AsyncStatus.error);
  expect(error).toBeInstanceOf(AsyncError);
  return error as AsyncError;
}

describe("OperationClient refusals", () => {
  it("403 from authorize: E_ACCESSDENIED, for run and attach", async () => {
    const edge = await useEdge(tasks, { authorize: (request) => request.headers.get("authorization") === "Bearer good" });
    const denied = useHttpClient<typeof tasks>(edge.url, { headers: { authorization: "Bearer bad" } });
    expect((await refused(denied.run("echo", 1))).hresult).toBe(HResult.E_ACCESSDENIED);
    expect((await refused(denied.attach("AAAAAAAAAAAAAAAAAAAAAA"))).hresult).toBe(HResult.E_ACCESSDENIED);
    const allowed = useHttpClient<typeof tasks>(edge.url, { headers: async () => ({ authorization: "Bearer good" }) });
    expect(await allowed.run("echo", 1)).toBe(1);
  });

  it("404 for an unknown task: ERROR_NOT_FOUND with the task named, the server's error as cause", async () => {
    const edge = await useEdge(tasks);
    const client = useHttpClient<Record<string, (input: unknown) => unknown>>(edge.url);
    for (const name of ["nosuch", "constructor", "__proto__", "toString"]) {
      const error = await refused(client.run(name, 1));
      expect(error.hresult).toBe(HResult.ERROR_NOT_FOUND);
      expect(error.message).toContain(`"${name}"`);
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it("413 for a body over maxBodyBytes, 415 and 400 when what reaches the server is not the JSON it takes: E_INVALIDARG", async () => {
    const big = await useEdge(tasks, { maxBodyBytes: 64 });
    const client = useHttpClient<typeof tasks>(big.url);
    expect((await refused(client.run("echo", "x".repeat(100)))).hresult).toBe(HResult.E_INVALIDARG);

    // A proxy in front that breaks the request: the real server's answers reach the client.
    const retyped = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => {
        const headers = new Headers(request.headers);
        headers.set("content-type", "text/plain");
        return handler(new Request(request, { headers }));
      },
    });
    expect((await refused(useHttpClient<typeof tasks>(retyped.url).run("echo", 1))).hresult).toBe(HResult.E_INVALIDARG);

    const garbled = await useEdge(tasks, {}, {
      wrap: (handler) => (request) => handler(new Request(request.url, { method: "POST", headers: request.headers, body: "{not json" })),
    });
    expect((await refused(useHttpClient<typeof tasks>(garbled.url).run("echo", 1))).hresult).toBe(HResult.E_INVALIDARG);
  });
});
