// One library even when loaded twice: a process may hold two copies of this package (the ESM and the CommonJS
// build, or two versions), each with its own classes. A brand in the global symbol registry, which every copy in
// the realm shares, lets `instanceof` recognize instances made by any copy.

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * Brands `ctor` under `name` (spelled out, so a minifier that renames classes cannot change it): its prototype
 * carries `Symbol.for("winrt-async.<name>")`, inherited by subclasses, and `x instanceof ctor` is true for an
 * instance of `ctor` from any copy of this library (or of a subclass of it). A user's subclass of a branded class
 * keeps ordinary `instanceof` semantics, and so does a value that is not an instance: a revoked `Proxy` throws
 * `TypeError` as it does for `instanceof Error`. Runs once per class at module load.
 */
export function brandClass(ctor: { readonly prototype: object }, name: string): void {
  const brand = Symbol.for(`winrt-async.${name}`);
  Object.defineProperty(ctor.prototype, brand, { value: true });
  // Defined on the class (not declared in it), so TypeScript keeps its ordinary narrowing for `instanceof`.
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value(this: object, value: unknown): boolean {
      if (ordinaryHasInstance.call(this, value)) return true;
      if (this !== ctor || value == null) return false;
      try {
        return (value as Record<symbol, unknown>)[brand] === true;
      } catch {
        // A `Proxy` whose `get` trap throws: not one of ours.
        return false;
      }
    },
    configurable: true,
  });
}
