import canonicalize from "canonicalize";

/** Thrown when a value has no single canonical JSON form. `path` is a JSONPath-like pointer, e.g. `$.steps[0].input`. */
export class CanonicalError extends Error {
  override readonly name = "CanonicalError";
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`cannot canonicalize ${path}: ${problem}`);
    this.path = path;
  }
}

/**
 * RFC 8785 canonical JSON of a plain JSON value.
 *
 * `canonicalize` silently drops functions and symbols, turns them into `null` in arrays, returns
 * `undefined` for `undefined` and serialises a Map as `{}`. Each of these would make two different
 * values hash the same, so they are refused here with the path of the offending value.
 *
 * One exception: an object property whose value is `undefined` is treated as absent, exactly as
 * JSON does. zod keeps such properties in parsed output and TypeScript optional fields carry them,
 * and the stored (JSON) form of the value hashes the same either way.
 */
export function canonical(value: unknown): string {
  assertJson(value, "$");
  const text = canonicalize(value);
  if (text === undefined) throw new CanonicalError("$", "no JSON representation");
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertJson(value: unknown, path: string): void {
  switch (typeof value) {
    case "string":
      if (LONE_SURROGATE.test(value)) throw new CanonicalError(path, "string contains a lone surrogate");
      return;
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalError(path, `${String(value)} is not a JSON number`);
      return;
    case "undefined":
      throw new CanonicalError(path, "undefined is not a JSON value");
    case "function":
    case "symbol":
    case "bigint":
      throw new CanonicalError(path, `a ${typeof value} is not a JSON value`);
    case "object":
      break;
  }
  if (value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => assertJson(item, `${path}[${i}]`));
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = value.constructor?.name ?? "object";
    throw new CanonicalError(path, `a ${name} is not a plain JSON object`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    assertJson(item, `${path}.${key}`);
  }
}
