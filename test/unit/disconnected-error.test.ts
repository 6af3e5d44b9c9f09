// DESIGN 1.4 / 4.1: DisconnectedError (RPC_E_DISCONNECTED, 0x80010108) is exported from the package root, is an
// AsyncError named after its class, takes (message?, options?) as Error does, and hresultOf reads its code.
import { describe, expect, it } from "vitest";
import { AsyncError, DisconnectedError, HResult, hresultOf, isCanceledError } from "../../src/index.js";

describe("DisconnectedError", () => {
  it("carries RPC_E_DISCONNECTED as a signed 32-bit integer", () => {
    expect(HResult.RPC_E_DISCONNECTED).toBe(0x80010108 | 0);
    const error = new DisconnectedError();
    expect(error).toBeInstanceOf(AsyncError);
    expect(error.name).toBe("DisconnectedError");
    expect(error.hresult).toBe(HResult.RPC_E_DISCONNECTED);
    expect(hresultOf(error)).toBe(HResult.RPC_E_DISCONNECTED);
    expect(isCanceledError(error)).toBe(false);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("takes a message and a cause", () => {
    const cause = new Error("exit 7");
    const error = new DisconnectedError("gone", { cause });
    expect(error.message).toBe("gone");
    expect(error.cause).toBe(cause);
  });
});
