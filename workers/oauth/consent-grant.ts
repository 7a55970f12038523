import { z } from "zod";
import { GrantConstraint, type GrantScope } from "../../contracts/common/grant.ts";
import { ToolPattern } from "../../contracts/policy/document.ts";
import type { Caller } from "../api/caller.ts";
import { scopeOf, widerThanHeld } from "../api/grant-narrowing.ts";
import { MCP_CAPABILITY } from "../mcp/catalog.ts";

export type ConsentGrant = { ok: true; grants: GrantScope[] } | { ok: false; message: string };

/**
 * The grants an approval gives the client's tokens: `control-plane.core` on channel `mcp`, narrowed to the tools
 * (and argument constraints) the admin named, never wider than the admin's own key. No tools named: no grant.
 */
export function consentGrant(approver: Caller, tools: string, constraints: string): ConsentGrant {
  const patterns = tools.split(/[\s,]+/).filter((t) => t !== "");
  if (patterns.length === 0) return { ok: true, grants: [] };
  const parsedTools = z.array(ToolPattern).min(1).max(100).safeParse(patterns);
  if (!parsedTools.success) return { ok: false, message: `Tools: ${parsedTools.error.issues.map((i) => i.message).join("; ")}.` };
  let constraintList: GrantConstraint[] | undefined;
  if (constraints.trim() !== "") {
    let json: unknown;
    try {
      json = JSON.parse(constraints);
    } catch {
      return { ok: false, message: "Constraints: not JSON." };
    }
    const parsed = z.array(GrantConstraint).min(1).max(20).safeParse(json);
    if (!parsed.success) return { ok: false, message: `Constraints: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.` };
    constraintList = parsed.data;
  }
  const held = approver.grants.get(MCP_CAPABILITY);
  if (held === undefined) return { ok: false, message: `Your key does not hold ${MCP_CAPABILITY}, so it cannot grant it.` };
  const grant = scopeOf({ capability: MCP_CAPABILITY, tools: parsedTools.data, channels: ["mcp"], ...(constraintList === undefined ? {} : { constraints: constraintList }) });
  const wider = widerThanHeld(grant, held);
  return wider === null ? { ok: true, grants: [grant] } : { ok: false, message: `The grant would be wider than your key's: ${wider}.` };
}
