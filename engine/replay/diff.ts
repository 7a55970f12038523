/** A difference between two JSON values, at a path like `steps[2].state`. */
export interface ValueDiff {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Leaf-level differences, objects by sorted key and arrays by index, at most `limit` of them. */
export function diffValues(expected: unknown, actual: unknown, limit: number, path = ""): ValueDiff[] {
  const out: ValueDiff[] = [];
  walk(expected, actual, path, out, limit);
  return out;
}

function walk(expected: unknown, actual: unknown, path: string, out: ValueDiff[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) out.push({ path: join(path, "length"), expected: expected.length, actual: actual.length });
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) walk(expected[i], actual[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) walk(present(expected, key), present(actual, key), join(path, key), out, limit);
    return;
  }
  if (expected !== actual) out.push({ path: path === "" ? "$" : path, expected, actual });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// JSON has no undefined: a property holding it is the same as no property.
function present(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
