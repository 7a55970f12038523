import { isRef, parseRef } from "../refs.ts";

export type ResolveResult = { ok: true; input: Record<string, unknown> } | { ok: false; message: string };

/**
 * Replaces every `{ $ref: "<stepKey>.<path>" }` in a step input with the value at `path` in that step's
 * recorded output. Only the keys in `outputs` can be referenced: the caller passes the step's succeeded
 * ancestors, so a reference can never depend on which unrelated step happened to finish first.
 * Numeric path segments index arrays; only own properties are followed.
 */
export function resolveRefs(input: Record<string, unknown>, outputs: ReadonlyMap<string, unknown>): ResolveResult {
  const problems: string[] = [];
  const walk = (value: unknown, where: string): unknown => {
    if (isRef(value)) {
      const found = lookup(value.$ref, outputs);
      if (!found.ok) problems.push(`${where}: ${found.message}`);
      return found.ok ? found.value : null;
    }
    if (Array.isArray(value)) return value.map((item: unknown, i) => walk(item, `${where}[${i}]`));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(value)) out[k] = walk(item, `${where}.${k}`);
      return out;
    }
    return value;
  };
  const resolved: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(input)) resolved[k] = walk(item, `input.${k}`);
  if (problems.length > 0) return { ok: false, message: problems.join("; ") };
  return { ok: true, input: resolved };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Lookup = { ok: true; value: unknown } | { ok: false; message: string };

function lookup(ref: string, outputs: ReadonlyMap<string, unknown>): Lookup {
  const parsed = parseRef(ref);
  if (parsed === undefined) return { ok: false, message: `\`${ref}\` is not a reference` };
  const { stepKey: key, path } = parsed;
  if (!outputs.has(key)) return { ok: false, message: `\`${ref}\`: \`${key}\` is not a succeeded dependency` };
  let current: unknown = outputs.get(key);
  for (const segment of path) {
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment) && Number(segment) < current.length) {
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment) && current[segment] !== undefined) {
      current = current[segment];
    } else {
      return { ok: false, message: `\`${ref}\`: the output of \`${key}\` has no \`${segment}\`` };
    }
  }
  return { ok: true, value: current };
}
