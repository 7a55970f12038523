import type { z } from "zod";

/**
 * A JSON column read back through its schema: null when nothing is stored, and `closed` when what is stored
 * no longer parses, so an unreadable narrowing never widens into "not narrowed".
 */
export function parseStored<T>(schema: z.ZodType<T>, stored: unknown, closed: T): T | null {
  if (stored === null || stored === undefined) return null;
  const parsed = schema.safeParse(typeof stored === "string" ? jsonOrUndefined(stored) : stored);
  return parsed.success ? parsed.data : closed;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
