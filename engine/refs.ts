import { StepOutputRef } from "../contracts/plan.ts";

export type InputPath = (string | number)[];

export interface FoundRef {
  /** Where in the step's input the reference sits. */
  path: InputPath;
  ref: string;
}

/** An object whose only property is a string `$ref`. Anything else is data, even with a `$ref` key among others. */
export function isRef(value: unknown): value is { $ref: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "$ref" && "$ref" in value && typeof value.$ref === "string";
}

/** Every reference in a step input, depth first in key order; the input object itself is never one. */
export function findRefs(input: Readonly<Record<string, unknown>>): FoundRef[] {
  const found: FoundRef[] = [];
  const walk = (value: unknown, path: InputPath): void => {
    if (isRef(value)) {
      found.push({ path, ref: value.$ref });
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => walk(item, [...path, i]));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(input)) walk(value, [key]);
  return found;
}

/** `triage.labels.0` → step `triage`, output path `labels.0`; undefined when the text is not a reference. */
export function parseRef(ref: string): { stepKey: string; path: string[] } | undefined {
  if (!StepOutputRef.shape.$ref.safeParse(ref).success) return undefined;
  const [stepKey = "", ...path] = ref.split(".");
  return { stepKey, path };
}

export function isUnder(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}
