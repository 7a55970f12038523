import { GrantScope } from "../../contracts/common/grant.ts";

/**
 * The grant scope stored with an intent, read back for its execution's start. A stored scope that no longer
 * parses must not widen into "no narrowing": it becomes a scope that allows no tool.
 */
export function recordedScope(stored: unknown): GrantScope | null {
  if (stored === null || stored === undefined) return null;
  const parsed = GrantScope.safeParse(typeof stored === "string" ? safeJson(stored) : stored);
  return parsed.success ? parsed.data : { capability: "unreadable", tools: [], channels: null, constraints: null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
