import type { z } from "zod";

export type Schema = z.core.$ZodType;

/** Which side of a schema we look at: what it accepts (a tool input) or what it yields (a tool output). */
export type Side = "input" | "output";

/** One alternative a value of a schema can take, with wrappers (optional, nullable, default, pipe…) removed. */
export type Alternative =
  | { kind: "unknown" }
  | { kind: "never" }
  | { kind: "undefined" }
  | { kind: "null" }
  | { kind: "boolean" }
  /** `formats`: every format and pattern check, by signature; lengths and bounds are not types. */
  | { kind: "string"; formats: ReadonlySet<string>; schema: Schema }
  | { kind: "number"; integer: boolean; schema: Schema }
  | { kind: "literal"; values: readonly unknown[]; schema: Schema }
  | { kind: "array"; element: Schema }
  | { kind: "tuple"; items: readonly Schema[]; rest: Schema | null }
  /** `rest` is the catch-all schema: undefined means unknown keys are stripped. */
  | { kind: "object"; shape: Readonly<Record<string, Schema>>; rest: Schema | undefined }
  | { kind: "record"; key: Schema; value: Schema }
  /** Anything we do not reason about (dates, bigints, maps, intersections, transforms): never provably compatible. */
  | { kind: "opaque"; type: string };

const INTEGER_FORMATS = new Set(["safeint", "int32", "uint32", "int64", "uint64"]);

export function alternatives(schema: Schema, side: Side): Alternative[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
      return [{ kind: "undefined" }, ...alternatives(def.innerType, side)];
    case "nullable":
      return [{ kind: "null" }, ...alternatives(def.innerType, side)];
    case "default":
    case "prefault":
      return side === "input"
        ? [{ kind: "undefined" }, ...alternatives(def.innerType, side)]
        : alternatives(def.innerType, side);
    case "nonoptional":
      return alternatives(def.innerType, side).filter((a) => a.kind !== "undefined");
    case "readonly":
      return alternatives(def.innerType, side);
    case "catch":
      return side === "input" ? [{ kind: "unknown" }] : alternatives(def.innerType, side);
    case "lazy":
      return alternatives(def.getter(), side);
    case "pipe":
      return alternatives(side === "input" ? def.in : def.out, side);
    case "union":
      return def.options.flatMap((option) => alternatives(option, side));
    case "any":
    case "unknown":
      return [{ kind: "unknown" }];
    case "never":
      return [{ kind: "never" }];
    case "undefined":
    case "void":
      return [{ kind: "undefined" }];
    case "null":
      return [{ kind: "null" }];
    case "boolean":
      return [{ kind: "boolean" }];
    case "string":
      return [{ kind: "string", formats: stringFormats(def), schema }];
    case "number":
      return [{ kind: "number", integer: isInteger(def), schema }];
    case "literal":
      return [{ kind: "literal", values: def.values, schema }];
    case "enum":
      return [{ kind: "literal", values: Object.values(def.entries), schema }];
    case "array":
      return [{ kind: "array", element: def.element }];
    case "tuple":
      return [{ kind: "tuple", items: def.items, rest: def.rest }];
    case "object":
      return [{ kind: "object", shape: def.shape, rest: def.catchall }];
    case "record":
      return [{ kind: "record", key: def.keyType, value: def.valueType }];
    default:
      return [{ kind: "opaque", type: def.type }];
  }
}

export function acceptsUndefined(schema: Schema): boolean {
  return alternatives(schema, "input").some((a) => a.kind === "undefined" || a.kind === "unknown");
}

type Check = { _zod: { def: object } };

/** `z.url()` carries its format on the def itself; `z.string().regex(…)` carries it as a check. */
function stringFormats(def: z.core.$ZodStringDef): Set<string> {
  const formats = new Set<string>();
  if ("format" in def) formats.add(signature(def));
  for (const check of (def.checks ?? []) as Check[]) {
    const c = check._zod.def;
    if ("check" in c && c.check === "string_format") formats.add(signature(c));
  }
  return formats;
}

function isInteger(def: z.core.$ZodNumberDef): boolean {
  const formatOf = (d: object): unknown => ("format" in d ? d.format : undefined);
  if (INTEGER_FORMATS.has(String(formatOf(def)))) return true;
  return ((def.checks ?? []) as Check[]).some((check) => INTEGER_FORMATS.has(String(formatOf(check._zod.def))));
}

/** The format's name and every scalar option (pattern, protocol, offset…), so `url` and `url(https only)` differ. */
function signature(def: object): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(def).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === "type" || name === "check" || name === "abort" || name === "checks" || name === "error") continue;
    if (value instanceof RegExp || ["string", "number", "boolean"].includes(typeof value) || value === null) {
      parts.push(`${name}=${String(value)}`);
    }
  }
  return parts.join(";");
}
