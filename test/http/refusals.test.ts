// DESIGN 4.6: refusals are JSON { error: envelope } with the pinned statuses: 415 not JSON, 413 too large, 400
// malformed, 404 unknown task or id (one shape), 405 a method the path does not take; the envelope's hresult is the
// one the client maps the status to (E_INVALIDARG, ERROR_NOT_FOUND), and no refusal runs a task.
import { describe, expect, it } from "vitest";
import { HResult } from "../../src/index.js";
import { hresultOfHttpStatus } from "../../src/http/index.js";
import { post, useOperationsServer } from "../helpers/http.js";

async function refusal(response: Response, status: number): Promise<{ name: string; message: string; hresult: number }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { thrown: string; name: string; message: string; hresult: number; stack?: string } };
  expect(body.error.thrown).toBe("error");
  expect(body.error.hresult).toBe(hresultOfHttpStatus(status));
  expect(body.error.stack).toBeUndefined();
  return body.error;
}

describe("refusals", () => {
  it("answers 415, 400, 404, 405 and 413 with an error envelope, running nothing", async () => {
    let runs = 0;
    const { base, origin } = await useOperationsServer(
      { echo: (x: unknown) => (runs++, x) },
      { maxBodyBytes: 64 },
    );
    await refusal(await fetch(base, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }), 415);
    await refusal(await fetch(base, { method: "POST", body: '{"task":"echo"}' }), 415);
    const form = new URLSearchParams({ task: "echo" });
    await refusal(await fetch(base, { method: "POST", body: form }), 415);
    await refusal(await fetch(base, { method: "POST", body: "{nope", headers: { "content-type": "application/json" } }), 400);
    await refusal(await post(base, [1, 2]), 400);
    await refusal(await post(base, { task: 7 }), 400);
    await refusal(await post(base, "echo"), 400);
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    await refusal(await fetch(base, { method: "POST", body: bytes, headers: { "content-type": "application/json" } }), 400);
    await refusal(await post(base, { task: "echo", input: "x".repeat(100) }), 413);

    const unknownTask = await refusal(await post(base, { task: "nope" }), 404);
    expect(unknownTask.hresult).toBe(HResult.ERROR_NOT_FOUND);
    expect(unknownTask.message).toContain("nope");
    const unknownId = await refusal(await fetch(`${base}/AAAAAAAAAAAAAAAAAAAAAA`), 404);
    expect(unknownId.message).toContain("AAAAAAAAAAAAAAAAAAAAAA");
    await refusal(await fetch(`${base}/AAAAAAAAAAAAAAAAAAAAAA`, { method: "DELETE" }), 404);
    await refusal(await fetch(`${base}/not-an-id`), 404);
    await refusal(await fetch(`${origin}/`), 404);

    const put = await refusal(await fetch(`${base}/x`, { method: "PUT", body: "{}" }), 405);
    expect(put.hresult).toBe(HResult.E_INVALIDARG);
    expect(runs).toBe(0);
  });

  it("answers 413 to a body that streams past the limit without reading it to the end", async () => {
    const { base } = await useOperationsServer({ echo: (x: unknown) => x }, { maxBodyBytes: 1024 });
    let pulled = 0;
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    // An endless body: the answer can only come if the server stops reading.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(base, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    await refusal(response, 413);
    expect(pulled).toBeGreaterThan(0);
    await body.cancel().catch(() => undefined);
  });

  it("answers 413 from Content-Length before reading", async () => {
    const { base } = await useOperationsServer({ echo: (x: unknown) => x }, { maxBodyBytes: 10 });
    await refusal(await post(base, { task: "echo", input: "long enough" }), 413);
  });
});
