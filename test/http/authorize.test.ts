// DESIGN 4.6: authorize(request, action) is called for every request that names an action, with the request itself
// and { kind: "run", task } / { kind: "watch" | "cancel", id }; anything but true, a promise of false, or a throw
// answers 403 (E_ACCESSDENIED) before anything is looked up, so an unknown task or id is not revealed.
import { describe, expect, it } from "vitest";
import { HResult } from "../../src/index.js";
import type { OperationAction } from "../../src/http/index.js";
import { getStream, post, useOperationsServer } from "../helpers/http.js";

describe("authorize", () => {
  it("is asked for every request, with the action, and refuses with 403", async () => {
    const calls: { token: string | null; action: OperationAction }[] = [];
    let runs = 0;
    const { base } = await useOperationsServer(
      { echo: (x: unknown) => (runs++, x) },
      {
        authorize: async (request, action) => {
          calls.push({ token: request.headers.get("authorization"), action });
          const token = request.headers.get("authorization");
          if (token === "Bearer throws") throw new Error("auth backend down");
          await Promise.resolve();
          return token === "Bearer good" ? true : token === "Bearer truthy" ? (1 as unknown as boolean) : false;
        },
      },
    );
    const good = { authorization: "Bearer good" };
    const created = await post(base, { task: "echo", input: 1 }, good);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${base}/${id}`, { headers: good })).status).toBe(200);
    expect((await fetch(`${base}/${id}`, { method: "DELETE", headers: good })).status).toBe(202);
    expect(calls.map((call) => call.action)).toEqual([
      { kind: "run", task: "echo" },
      { kind: "watch", id },
      { kind: "cancel", id },
    ]);

    for (const authorization of ["Bearer bad", "Bearer throws", "Bearer truthy"]) {
      const headers = { authorization };
      for (const response of [
        await post(base, { task: "echo", input: 1 }, headers),
        await post(base, { task: "unknown" }, headers), // refused before the name is looked up
        await fetch(`${base}/${id}`, { headers }),
        await getStream(`${base}/${id}`, headers),
        await fetch(`${base}/AAAAAAAAAAAAAAAAAAAAAA`, { headers }),
        await fetch(`${base}/${id}`, { method: "DELETE", headers }),
      ]) {
        expect(response.status).toBe(403);
        const { error } = (await response.json()) as { error: { hresult: number; message: string } };
        expect(error.hresult).toBe(HResult.E_ACCESSDENIED);
        expect(error.message).not.toContain("auth backend down");
      }
    }
    expect(calls.length).toBe(3 + 3 * 6);
    expect(runs).toBe(1);
  });
});
