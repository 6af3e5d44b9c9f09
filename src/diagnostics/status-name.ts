import { AsyncStatus } from "../status.js";

/** An `AsyncStatus` by name, as `util.inspect(op)` prints it: `"started"`, `"completed"`, `"canceled"`, `"error"`. */
export type AsyncStatusName = keyof typeof AsyncStatus;

const names: readonly AsyncStatusName[] = ["started", "completed", "canceled", "error"];

/** The name of `status` (one of the four values). */
export const statusNameOf = (status: AsyncStatus): AsyncStatusName => names[status]!;
