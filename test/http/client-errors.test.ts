// DESIGN 4.6 client, errors: a task's error is rebuilt from the `error` event's envelope as in 4.1: our classes
// as our classes, built-in ones as themselves, other names as an AsyncError with that name and hresult, cause and
// own data kept; server stacks stay on the server unless `exposeStack`; a thrown non-Error rejects with the value.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, TimeoutError } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";
import { useEdge, useHttpClient } from "../helpers/http-serve.js";

class HrError extends Error {
  override name = "HrError";
  hresult = HResult.E_INVALIDARG;
  path = "/x";
}

const tasks = {
  type: () => {
    throw new TypeError("bad type");
  },
  timeout: () => {
    throw new TimeoutError("slow", { cause: new RangeError("inner") });
  },
  custom: () => {
    throw new HrError("custom failure");
  },
  value: () => {
    throw { code: 7 };
  },
};

describe("OperationClient errors", () => {
  it("rebuilds the task's error from the envelope: class, hresult, cause and own data", async () => {
    const edge = await useEdge(tasks);
    const client = useHttpClient<typeof tasks>(edge.url);

    const type = client.run("type");
    const typeError = await rejection(type);
    expect(type.status).toBe(AsyncStatus.error);
    expect(typeError).toBeInstanceOf(TypeError);
    expect(type.errorCode).toBe(typeError);

    const timeout = await rejection(client.run("timeout"));
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect((timeout as TimeoutError).hresult).toBe(HResult.ERROR_TIMEOUT);
    expect((timeout as Error).cause).toBeInstanceOf(RangeError);

    const custom = await rejection(client.run("custom"));
    expect(custom).toBeInstanceOf(AsyncError);
    expect(custom).toMatchObject({ name: "HrError", hresult: HResult.E_INVALIDARG, path: "/x" });

    expect(await rejection(client.run("value"))).toEqual({ code: 7 });
  });

  it("keeps server stacks on the server unless exposeStack", async () => {
    const hidden = await useEdge(tasks);
    const shown = await useEdge(tasks, { exposeStack: true });
    const hiddenError = (await rejection(useHttpClient<typeof tasks>(hidden.url).run("custom"))) as Error;
    const shownError = (await rejection(useHttpClient<typeof tasks>(shown.url).run("custom"))) as Error;
    // The server's stack names the task's file; a stack made on the client does not.
    expect(shownError.stack).toContain("client-errors.test.ts");
    expect(hiddenError.stack ?? "").not.toContain("client-errors.test.ts");
  });
});
