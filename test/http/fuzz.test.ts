// DESIGN 4.6 (security): bad input never crashes the server and never gets a 5xx: random methods, paths, ids,
// headers (Accept, Content-Type, Last-Event-ID) and bodies (random bytes, random JSON, near-miss shapes), sent over
// a real connection, always get a status below 500 and, for refusals, a JSON { error: envelope }; the server answers
// normally afterwards.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { post, useOperationsServer } from "../helpers/http.js";

const jsonBody = fc.oneof(
  fc.json(),
  fc.record({ task: fc.oneof(fc.constantFrom("echo", "constructor", "__proto__", "toString", ""), fc.string()), input: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{"task":"echo","input":{"__proto__":{"x":1}}}', '{"task":"echo","__proto__":null}', "[]", "null", '"echo"', "1e999"),
);

const request = fc.record({
  method: fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"),
  path: fc.oneof(
    fc.constant("/ops"),
    fc.string({ minLength: 22, maxLength: 22, unit: fc.constantFrom(..."ABCxyz019-_") }).map((id) => `/ops/${id}`),
    fc.webPath(),
    fc.string().map((s) => `/ops/${encodeURIComponent(s)}`),
  ),
  contentType: fc.option(fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data", "APPLICATION/JSON", "application/jsonx")),
  accept: fc.option(fc.constantFrom("text/event-stream", "application/json", "*/*", "text/event-stream, */*")),
  lastEventId: fc.option(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 30 }).filter((s) => !/[\r\n\0]/.test(s)))),
  body: fc.oneof(jsonBody, fc.uint8Array({ maxLength: 300 })),
});

describe("fuzzed requests", () => {
  it("never get a 5xx and never crash the server", async () => {
    const { origin, base } = await useOperationsServer({ echo: (x: unknown) => x }, { maxBodyBytes: 256, orphanTimeoutMs: 1000 });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType !== null) headers["content-type"] = r.contentType;
        if (r.accept !== null) headers["accept"] = r.accept;
        if (r.lastEventId !== null) headers["last-event-id"] = r.lastEventId;
        const hasBody = r.method !== "GET" && r.method !== "OPTIONS";
        const response = await fetch(origin + r.path, {
          method: r.method,
          headers,
          body: hasBody ? r.body : null,
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const body = (await response.json()) as { error: { thrown: string; hresult: number } };
          expect(body.error.thrown).toBe("error");
        } else {
          await response.body?.cancel();
        }
      }),
      { numRuns: 300 },
    );
    expect((await post(base, { task: "echo", input: 1 })).status).toBe(201);
  });
});
