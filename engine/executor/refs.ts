import { StepOutputRef } from "../../contracts/plan.ts";

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
    const ref = asRef(value);
    if (ref !== undefined) {
      const found = lookup(ref, outputs);
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

function asRef(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  const ref = value.$ref;
  return keys.length === 1 && typeof ref === "string" ? ref : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Lookup = { ok: true; value: unknown } | { ok: false; message: string };

function lookup(ref: string, outputs: ReadonlyMap<string, unknown>): Lookup {
  if (!StepOutputRef.shape.$ref.safeParse(ref).success) return { ok: false, message: `\`${ref}\` is not a reference` };
  const [key = "", ...path] = ref.split(".");
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
