// The counter lives in the global symbol registry so that two copies of this package in one realm (the ESM
// and the CommonJS build, say) still hand out unique, increasing ids.
const key = Symbol.for("winrt-async.nextId");
/** `ids.next++` is the next operation id: a positive integer, unique and increasing within this JavaScript realm. */
export const ids: { next: number } = ((globalThis as Record<symbol, { next: number } | undefined>)[key] ??= {
  next: 1,
});
