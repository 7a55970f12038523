import { z } from "zod";
import { type Alternative, type Schema, alternatives } from "./alternatives.ts";

const MAX_DEPTH = 32;

/**
 * Whether every value `source` can produce (as an output) is structurally accepted by `target` (as an input).
 *
 * Honest but partial: kinds, literal values, enum members, integer-ness, string formats and patterns, object
 * fields and optionality are checked; lengths and numeric bounds are not (they are values, not types), so the
 * executor validates the resolved input against the tool's schema again before the call. String formats must
 * match exactly: a plain `url` output does not feed an `https`-only url input. Anything unproven is refused.
 */
export function isAssignable(source: Schema, target: Schema): boolean {
  return assignable(alternatives(source, "output"), alternatives(target, "input"), 0);
}

/** As `isAssignable`, for values already split into alternatives (output side, input side). */
export function alternativesAssignable(source: readonly Alternative[], target: readonly Alternative[]): boolean {
  return assignable(source, target, 0);
}

function assignable(source: readonly Alternative[], target: readonly Alternative[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  return source.every((s) => target.some((t) => alternativeAssignable(s, t, target, depth)));
}

function alternativeAssignable(s: Alternative, t: Alternative, allTargets: readonly Alternative[], depth: number): boolean {
  if (t.kind === "unknown" || s.kind === "never") return true;
  switch (s.kind) {
    case "unknown":
    case "opaque":
      return false;
    case "undefined":
    case "null":
    case "boolean":
      return t.kind === s.kind;
    case "literal":
      // A literal is a value: ask the target schemas themselves.
      return s.values.every((v) => allTargets.some((target) => acceptsValue(target, v)));
    case "string":
      return t.kind === "string" && [...t.formats].every((f) => s.formats.has(f));
    case "number":
      return t.kind === "number" && (!t.integer || s.integer);
    case "array":
      if (t.kind === "array") return assignable(alts(s.element), alts(t.element, "input"), depth + 1);
      return false;
    case "tuple":
      if (t.kind === "array") {
        const items = s.rest === null ? s.items : [...s.items, s.rest];
        return items.every((item) => assignable(alts(item), alts(t.element, "input"), depth + 1));
      }
      return false;
    case "object":
      if (t.kind === "object") return objectAssignable(s, t, depth);
      if (t.kind === "record") {
        return (
          s.rest === undefined &&
          Object.entries(s.shape).every(
            ([key, value]) => z.safeParse(t.key, key).success && assignable(alts(value), alts(t.value, "input"), depth + 1),
          )
        );
      }
      return false;
    case "record":
      // Keys of a record are unknown until run time, so only another record can take it.
      return (
        t.kind === "record" &&
        assignable(alts(s.key), alts(t.key, "input"), depth + 1) &&
        assignable(alts(s.value), alts(t.value, "input"), depth + 1)
      );
  }
}

function objectAssignable(
  s: Extract<Alternative, { kind: "object" }>,
  t: Extract<Alternative, { kind: "object" }>,
  depth: number,
): boolean {
  for (const [key, field] of Object.entries(t.shape)) {
    const from = Object.hasOwn(s.shape, key) ? s.shape[key] : undefined;
    const sourceField = from === undefined ? s.rest : from;
    const sourceAlts: Alternative[] = sourceField === undefined ? [{ kind: "undefined" }] : alts(sourceField);
    if (from === undefined && s.rest !== undefined) sourceAlts.push({ kind: "undefined" });
    if (!assignable(sourceAlts, alts(field, "input"), depth + 1)) return false;
  }
  const rest = t.rest;
  if (rest === undefined) return true; // the target strips keys it does not know
  return Object.entries(s.shape).every(
    ([key, field]) => Object.hasOwn(t.shape, key) || assignable(alts(field), alts(rest, "input"), depth + 1),
  );
}

function alts(schema: Schema, side: "input" | "output" = "output"): Alternative[] {
  return alternatives(schema, side);
}

/** A literal is fully known, so it is checked against the target leaf exactly, lengths and bounds included. */
function acceptsValue(t: Alternative, value: unknown): boolean {
  switch (t.kind) {
    case "literal":
    case "string":
    case "number":
      return z.safeParse(t.schema, value).success;
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "undefined":
      return value === undefined;
    case "unknown":
      return true;
    default:
      return false;
  }
}
