import { GrantConstraint, type GrantScope } from "../../contracts/common/grant.ts";
import { ChannelKind } from "../../contracts/intent.ts";
import { capabilityGrants } from "../../schema/index.ts";

/** The grant columns `authenticate` and the dashboard session read with each key. */
export const grantColumns = {
  capability: capabilityGrants.capability,
  tools: capabilityGrants.tools,
  channels: capabilityGrants.channels,
  constraints: capabilityGrants.constraints,
};

export interface GrantRow {
  capability: string | null;
  tools: string[] | null;
  channels: string[] | null;
  constraints: unknown[] | null;
}

/**
 * A stored grant as a scope. Stored narrowing that no longer parses is not silently dropped (that would widen
 * the grant): it becomes a narrowing that allows nothing.
 */
export function grantOf(row: GrantRow & { capability: string }): GrantScope {
  const channels = row.channels === null ? null : ChannelKind.array().safeParse(row.channels);
  const constraints = row.constraints === null ? null : GrantConstraint.array().safeParse(row.constraints);
  return {
    capability: row.capability,
    tools: row.tools === null ? null : Array.isArray(row.tools) ? row.tools.filter((t): t is string => typeof t === "string") : [],
    channels: channels === null ? null : channels.success ? channels.data : [],
    constraints: constraints === null ? null : constraints.success ? constraints.data : [{ args: [{ path: "__unreadable_constraint", op: "exists" }] }],
  };
}

export function grantsOf(rows: readonly GrantRow[]): { capabilities: Set<string>; grants: Map<string, GrantScope> } {
  const grants = new Map<string, GrantScope>();
  for (const row of rows) if (row.capability !== null) grants.set(row.capability, grantOf({ ...row, capability: row.capability }));
  return { capabilities: new Set(grants.keys()), grants };
}
