/** A short description of a value for error messages: its type and, for primitives, the value. */
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
    default: {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === "string" && name !== "Object" ? `an instance of ${name}` : "an object";
    }
  }
}
