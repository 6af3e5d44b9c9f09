// DESIGN 4.6 client, misuse: what cannot be sent throws synchronously, naming what was expected and what came
// (TypeError; RangeError for a negative reconnect figure), and nothing is sent.
import { describe, expect, it } from "vitest";
import { OperationClient } from "../../src/http/index.js";
import { caught } from "../helpers/caught.js";

const url = "http://127.0.0.1:9/ops"; // never contacted: every call below throws before a request

describe("OperationClient misuse", () => {
  it("refuses a bad base URL and malformed options", () => {
    expect(caught(() => new OperationClient(42 as unknown as string))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient("ftp://x/ops"))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient("not a url"))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient(url, null as never))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient(url, { fetch: "fetch" as never }))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient(url, { headers: 5 as never }))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient(url, { reconnect: { limit: "3" as never } }))).toBeInstanceOf(TypeError);
    expect(caught(() => new OperationClient(url, { reconnect: { delayMs: -1 } }))).toBeInstanceOf(RangeError);
    expect(caught(() => new OperationClient(url, { reconnect: { delayMs: 100, maxDelayMs: 10 } }))).toBeInstanceOf(RangeError);
  });

  it("refuses a bad task name, input JSON cannot carry, bad options and a bad id", async () => {
    const requests: string[] = [];
    const client = new OperationClient<Record<string, (input: unknown) => unknown>>(url, {
      fetch: (input) => {
        requests.push(input);
        return Promise.reject(new Error("not reached"));
      },
    });
    expect(caught(() => client.run(""))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run(1 as unknown as string))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("t", { when: new Date() }))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("t", Number.NaN))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("t", 1, { signal: {} as AbortSignal }))).toBeInstanceOf(TypeError);
    expect(caught(() => client.run("t", 1, { description: 5 as unknown as string }))).toBeInstanceOf(TypeError);
    expect(caught(() => client.attach(""))).toBeInstanceOf(TypeError);
    await client.close();
    expect(requests).toEqual([]);
  });
});
