/**
 * A short description of a value for error messages: its type and, for primitives, the value. Never throws and
 * never runs code of the value: no getter, no `toString`, no `Proxy` trap (a message about a bad argument must
 * not call into the bad argument), so objects are described by their type only.
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value} ${String(value)}`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return isArray(value) ? "an array" : "an object";
  }
}

/** `Array.isArray` looks through a `Proxy` without running its traps, but throws for a revoked one. */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
