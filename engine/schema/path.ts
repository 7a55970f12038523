import { type Alternative, type Schema, alternatives } from "./alternatives.ts";

export type PathResult = { ok: true; alternatives: Alternative[] } | { ok: false; reason: string };

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * What a step's output holds at `path`. Going through an optional value, a record key or an array index
 * may find nothing at run time, so `undefined` joins the alternatives and the target must accept it.
 * A segment missing from any non-empty alternative is refused: we do not guess which alternative runs.
 */
export function outputAt(schema: Schema, path: readonly string[]): PathResult {
  let current = alternatives(schema, "output");
  for (const [depth, segment] of path.entries()) {
    const next: Alternative[] = [];
    for (const alt of current) {
      const step = descend(alt, segment, "output");
      if (step === undefined) {
        const where = depth === 0 ? "the output" : `\`${path.slice(0, depth).join(".")}\``;
        return { ok: false, reason: `${where} has no \`${segment}\` (it can be ${describe(alt)})` };
      }
      next.push(...step);
    }
    current = dedupeMarkers(next);
  }
  return { ok: true, alternatives: current };
}

/** What a tool's input accepts at `path`; undefined when the schema has no such place. */
export function inputAt(schema: Schema, path: readonly (string | number)[]): Alternative[] | undefined {
  let current = alternatives(schema, "input");
  for (const segment of path) {
    const next: Alternative[] = [];
    for (const alt of current) {
      if (alt.kind === "undefined" || alt.kind === "null") continue;
      next.push(...(descend(alt, String(segment), "input") ?? []));
    }
    if (next.length === 0) return undefined;
    current = next;
  }
  return current;
}

function descend(alt: Alternative, segment: string, side: "input" | "output"): Alternative[] | undefined {
  const maybeMissing = side === "output" ? [{ kind: "undefined" } as const] : [];
  switch (alt.kind) {
    case "undefined":
    case "null":
      return side === "output" ? [{ kind: "undefined" }] : undefined;
    case "unknown":
    case "never":
      return [alt];
    case "object": {
      const field = Object.hasOwn(alt.shape, segment) ? alt.shape[segment] : undefined;
      if (field !== undefined) return alternatives(field, side);
      if (alt.rest === undefined) return undefined;
      const rest = alternatives(alt.rest, side);
      return rest.every((a) => a.kind === "never") ? undefined : [...rest, ...maybeMissing];
    }
    case "record":
      return [...alternatives(alt.value, side), ...maybeMissing];
    case "array":
      return INDEX.test(segment) ? [...alternatives(alt.element, side), ...maybeMissing] : undefined;
    case "tuple": {
      if (!INDEX.test(segment)) return undefined;
      const item = Number(segment) < alt.items.length ? alt.items[Number(segment)] : undefined;
      if (item !== undefined) return alternatives(item, side);
      return alt.rest === null ? undefined : [...alternatives(alt.rest, side), ...maybeMissing];
    }
    default:
      return undefined;
  }
}

function describe(alt: Alternative): string {
  return alt.kind === "opaque" ? alt.type : alt.kind === "literal" ? "a literal" : `a ${alt.kind}`;
}

function dedupeMarkers(alts: Alternative[]): Alternative[] {
  const undefinedSeen = alts.some((a) => a.kind === "undefined");
  const rest = alts.filter((a) => a.kind !== "undefined");
  return undefinedSeen ? [...rest, { kind: "undefined" }] : rest;
}
