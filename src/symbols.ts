/**
 * The disposal symbols, taken from the runtime when it has them and from the global symbol registry
 * otherwise (what TypeScript's `using` helpers and the usual polyfills use), so that `using` works either way.
 */
export const disposeSymbol: typeof Symbol.dispose = (Symbol.dispose ??
  Symbol.for("Symbol.dispose"));

/** See `disposeSymbol`. */
export const asyncDisposeSymbol: typeof Symbol.asyncDispose = (Symbol.asyncDispose ??
  Symbol.for("Symbol.asyncDispose"));

// The published types name `Symbol.dispose` and `Symbol.asyncDispose`, which only `lib: esnext.disposable` (or
// `@types/node`) declares. Declaring them here, exactly as `@types/node` does (merged declarations of one property
// share one `unique symbol`, and identical interface members merge, so this never conflicts with either), lets a
// consumer with the default `es2022` lib and no Node types compile against the package, and write `using`.
declare global {
  interface SymbolConstructor {
    /** The method called at the end of a `using` block (ECMAScript explicit resource management). */
    readonly dispose: unique symbol;
    /** The method awaited at the end of an `await using` block (ECMAScript explicit resource management). */
    readonly asyncDispose: unique symbol;
  }
  /** What a `using` declaration accepts (ECMAScript explicit resource management). */
  interface Disposable {
    [Symbol.dispose](): void;
  }
  /** What an `await using` declaration accepts (ECMAScript explicit resource management). */
  interface AsyncDisposable {
    [Symbol.asyncDispose](): PromiseLike<void>;
  }
}
