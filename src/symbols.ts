/**
 * The disposal symbols, taken from the runtime when it has them and from the global symbol registry
 * otherwise (what TypeScript's `using` helpers and the usual polyfills use), so that `using` works either way.
 */
export const disposeSymbol: typeof Symbol.dispose = (Symbol.dispose ??
  Symbol.for("Symbol.dispose"));

/** See `disposeSymbol`. */
export const asyncDisposeSymbol: typeof Symbol.asyncDispose = (Symbol.asyncDispose ??
  Symbol.for("Symbol.asyncDispose"));
