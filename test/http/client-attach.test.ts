// DESIGN 4.6 client, attach: `client.attach(id)` follows an operation another client started (a reloaded page):
// it gets the current progress, then the outcome; an operation that already ended gives its outcome; an id the
// server does not know ends the operation in error with ERROR_NOT_FOUND, the id named.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, DisconnectedError, HResult, type AsyncProgressContext } from "../../src/index.js";
import { gate } from "../helpers/fixtures.js";
import { rejection } from "../helpers/caught.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

describe("OperationClient.attach", () => {
  it("follows a running operation from another client: current progress, then the result", async () => {
    const reported = gate();
    const finish = gate();
    const tasks = {
      async job(n: number, ctx: AsyncProgressContext<number>) {
        ctx.report(n);
        reported.open();
        await finish.promise;
        return n * 2;
      },
    };
    const edge = await useEdge(tasks);
    const first = useHttpClient<typeof tasks>(edge.url);
    const op = first.run("job", 21);
    await reported.promise;
    const seen = gate();
    op.onProgress(() => seen.open());
    await seen.promise; // the POST's answer arrived: the id is known
    const id = op.operationId!;
    await first.close(); // the page goes away; the server's operation goes on
    expect(await rejection(op)).toBeInstanceOf(DisconnectedError);

    const second = useHttpClient<typeof tasks>(edge.url);
    const attached = second.attach<"job">(id);
    expect(attached.operationId).toBe(id);
    expect(attached.status).toBe(AsyncStatus.started);
    const progress = gate();
    const values: number[] = [];
    attached.onProgress((p) => {
      values.push(p);
      progress.open();
    });
    await progress.promise;
    expect(values).toEqual([21]);
    finish.open();
    expect(await attached).toBe(42);
  });

  it("gives the outcome of an operation that already ended", async () => {
    const tasks = { double: (n: number) => n * 2 };
    const edge = await useEdge(tasks);
    const client = useHttpClient<typeof tasks>(edge.url);
    const op = client.run("double", 4);
    expect(await op).toBe(8);
    expect(await client.attach<"double">(op.operationId!)).toBe(8);
  });

  it("ends in error with ERROR_NOT_FOUND, naming the id, for an id the server does not know", async () => {
    const tasks = { double: (n: number) => n * 2 };
    const edge = await useEdge(tasks);
    const client = useHttpClient<typeof tasks>(edge.url);
    const id = "AAAAAAAAAAAAAAAAAAAAAA";
    const op = client.attach(id);
    const error = await rejection(op);
    expect(op.status).toBe(AsyncStatus.error);
    expect(error).toBeInstanceOf(AsyncError);
    expect((error as AsyncError).hresult).toBe(HResult.ERROR_NOT_FOUND);
    expect((error as Error).message).toContain(id);
  });
});
