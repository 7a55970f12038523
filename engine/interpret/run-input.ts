import type { z } from "zod";
import { inputAt } from "../schema/path.ts";
import type { Assignment, Parsed } from "./arguments.ts";

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Builds a `run` step's input from `key=value` pairs. Text is all a chat message has, so a bare value is
 * read as the type the tool's schema wants at that key (number, boolean, null) when it spells one exactly;
 * a quoted value always stays text. Where the schema takes text, the value is text.
 */
export function runInput(pairs: readonly Assignment[], schema: z.ZodObject): Parsed<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  for (const { path, value, quoted } of pairs) {
    let target = input;
    for (const [i, segment] of path.entries()) {
      const name = path.slice(0, i + 1).join(".");
      if (i === path.length - 1) {
        if (Object.hasOwn(target, segment)) return { ok: false, problem: `\`${name}\` is given twice` };
        define(target, segment, quoted ? value : coerce(value, schema, path));
        break;
      }
      const existing: unknown = Object.hasOwn(target, segment) ? target[segment] : undefined;
      if (existing === undefined) {
        const child: Record<string, unknown> = {};
        define(target, segment, child);
        target = child;
      } else if (isPlainObject(existing)) {
        target = existing;
      } else {
        return { ok: false, problem: `\`${name}\` is given both as a value and as an object` };
      }
    }
  }
  return { ok: true, value: input };
}

function coerce(value: string, schema: z.ZodObject, path: readonly string[]): unknown {
  const accepted = inputAt(schema, path) ?? [];
  const takes = (kind: string): boolean => accepted.some((a) => a.kind === kind);
  if (takes("string") || takes("unknown")) return value;
  if (takes("number") && NUMBER.test(value)) return Number(value);
  if (takes("boolean") && (value === "true" || value === "false")) return value === "true";
  if (takes("null") && value === "null") return null;
  const literal = accepted.find((a) => a.kind === "literal" && a.values.some((v) => String(v) === value));
  if (literal?.kind === "literal") return literal.values.find((v) => String(v) === value);
  return value;
}

/** An own property even for names like `__proto__`, which plain assignment would treat specially. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
