import { GrantScope } from "../../contracts/common/grant.ts";
import { parseStored } from "../stored-json.ts";

/**
 * The grant scope stored with an intent, read back for its execution's start. A stored scope that no longer
 * parses must not widen into "no narrowing": it becomes a scope that allows no tool.
 */
export function recordedScope(stored: unknown): GrantScope | null {
  return parseStored(GrantScope, stored, { capability: "unreadable", tools: [], channels: null, constraints: null });
}
