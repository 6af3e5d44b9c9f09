// Operations driven into each terminal status through run()/cancel(), for rules that hold in every terminal state.
// The error op has its errorCode read once (so it counts as observed and never reaches the unobserved-error report);
// the canceled op's body unwinds on cancellation (so [Symbol.asyncDispose] has nothing left to wait for).
import { AsyncStatus, CanceledError } from "../../src/index.js";
import type { AnyOp, Kind } from "./kinds.js";

export interface TerminalCase {
  /** "completed", "error" or "canceled". */
  readonly label: string;
  readonly status: AsyncStatus;
  /** Makes an operation of `kind` already in `status`; `error` is what an error body threw. */
  make(kind: Kind): { op: AnyOp; error: Error | undefined };
}

export const terminalCases: readonly TerminalCase[] = [
  {
    label: "completed",
    status: AsyncStatus.completed,
    make: (kind) => ({ op: kind.run(() => 7), error: undefined }),
  },
  {
    label: "error",
    status: AsyncStatus.error,
    make: (kind) => {
      const error = new Error("body failed");
      const op = kind.run(() => {
        throw error;
      });
      void op.errorCode;
      return { op, error };
    },
  },
  {
    label: "canceled",
    status: AsyncStatus.canceled,
    make: (kind) => {
      const op = kind.run(
        (ctx) => new Promise<never>((_resolve, reject) => ctx.onCancel(() => reject(new CanceledError()))),
      );
      op.cancel();
      return { op, error: undefined };
    },
  },
];
