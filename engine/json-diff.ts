export interface Difference {
  /** JSONPath-like, e.g. `$.steps[1].input.text`. */
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Where two JSON values differ, depth first in sorted key order, at most `limit` places. */
export function jsonDiff(expected: unknown, actual: unknown, limit = 20): Difference[] {
  const found: Difference[] = [];
  const walk = (e: unknown, a: unknown, path: string): void => {
    if (found.length >= limit || Object.is(e, a)) return;
    if (Array.isArray(e) && Array.isArray(a)) {
      if (e.length !== a.length) found.push({ path: `${path}.length`, expected: e.length, actual: a.length });
      for (let i = 0; i < Math.min(e.length, a.length); i++) walk(e[i], a[i], `${path}[${i}]`);
      return;
    }
    if (isObject(e) && isObject(a)) {
      const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
      for (const key of keys) {
        const inE = Object.hasOwn(e, key) && e[key] !== undefined;
        const inA = Object.hasOwn(a, key) && a[key] !== undefined;
        if (inE && inA) walk(e[key], a[key], `${path}.${key}`);
        else if (inE || inA) found.push({ path: `${path}.${key}`, expected: e[key], actual: a[key] });
        if (found.length >= limit) return;
      }
      return;
    }
    found.push({ path, expected: e, actual: a });
  };
  walk(expected, actual, "$");
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
