import type { ToolContract } from "../../contracts/tools/define.ts";
import { intentSubmit } from "../../contracts/commands/intent-submit.ts";
import { couldAllow } from "../../engine/policy/could-allow.ts";
import { policyTool } from "../../engine/policy/decider.ts";
import { stepViolation } from "../../engine/policy/grant-scope.ts";
import { digestOf } from "../../engine/hash.ts";
import type { Db } from "../db.ts";
import { activePolicy } from "../policy/store.ts";
import { tenantToolRegistry } from "../skills/tenant-tool-registry.ts";
import type { McpCaller } from "./agent.ts";

/** What the MCP server knows of one governed tool: its MCP name and whether this caller sees it. */
export interface CatalogEntry {
  name: string;
  tool: ToolContract;
  /** Whether the caller's grant and the tenant's policy could let a call of it run. */
  listed: boolean;
}

/** The capability an MCP tool call needs: the one that submits intents. */
export const MCP_CAPABILITY = intentSubmit.capability;

/**
 * An agent is answered in the MCP result itself, so `channel.reply` (answer the thread the intent came
 * from) has nothing to answer and is neither listed nor callable.
 */
const NOT_OFFERED = new Set(["channel.reply"]);

/** Tool names as clients accept them (letters, digits, `_`, `-`); a clash gets a suffix from the key's digest. */
function namesOf(tools: readonly ToolContract[]): Map<string, ToolContract> {
  const byName = new Map<string, ToolContract>();
  for (const tool of tools) {
    const plain = tool.key.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 100);
    const name = byName.has(plain) ? `${plain}_${digestOf(tool.key).slice(0, 8)}` : plain;
    byName.set(name, tool);
  }
  return byName;
}

/**
 * Every tool of the tenant's registry (built-ins and active skills, latest versions) under its MCP name,
 * marked listed when the caller holds the capability, its grant's narrowing (channel `mcp`, tools) admits
 * it, and the active policy could permit it for this caller on channel `mcp` (engine/policy/could-allow.ts).
 */
export async function toolCatalog(db: Db, caller: McpCaller): Promise<Map<string, CatalogEntry>> {
  const [registry, policy] = await Promise.all([tenantToolRegistry(db, caller.tenantId), activePolicy(db, caller.tenantId)]);
  const latest = [...new Map(registry.list().map((t) => [t.key, t])).values()].filter((t) => !NOT_OFFERED.has(t.key));
  const grant = caller.grants.get(MCP_CAPABILITY);
  const channelAllowed = grant !== undefined && (grant.channels === null || grant.channels.includes("mcp"));
  const catalog = new Map<string, CatalogEntry>();
  for (const [name, tool] of namesOf(latest)) {
    const inGrant = channelAllowed && grant !== undefined && (grant.tools === null || stepViolation({ ...grant, constraints: null }, tool.key, {}) === null);
    const listed =
      inGrant &&
      couldAllow(policy.pinned, {
        tenantId: caller.tenantId,
        toolKey: tool.key,
        tool: policyTool(tool),
        actor: { ...caller.actor, roles: caller.roles },
        channel: "mcp",
      });
    catalog.set(name, { name, tool, listed });
  }
  return catalog;
}
