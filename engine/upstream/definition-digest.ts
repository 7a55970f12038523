import { digestOf } from "../hash.ts";

/** What an upstream lists for a tool, and what a manifest pins: only these three fields are compared. */
export interface ToolDefinition {
  name: string;
  description?: string | undefined;
  inputSchema: Record<string, unknown>;
}

/** SHA-256 of the canonical JSON of name, description (absent = empty) and inputSchema. */
export function definitionDigest(tool: ToolDefinition): string {
  return digestOf({ name: tool.name, description: tool.description ?? "", inputSchema: tool.inputSchema });
}

export interface DefinitionDrift {
  tool: string;
  change: "changed" | "missing";
  pinned: string;
  listed: string | null;
}

/** Every pinned tool whose listed definition differs from the pin or is no longer listed. Tools the upstream adds are ignored: they are simply not offered. */
export function definitionDrift(pinned: readonly ToolDefinition[], listed: readonly ToolDefinition[]): DefinitionDrift[] {
  const byName = new Map(listed.map((tool) => [tool.name, tool]));
  return pinned.flatMap((tool): DefinitionDrift[] => {
    const found = byName.get(tool.name);
    const pinnedDigest = definitionDigest(tool);
    if (found === undefined) return [{ tool: tool.name, change: "missing", pinned: pinnedDigest, listed: null }];
    const listedDigest = definitionDigest(found);
    return listedDigest === pinnedDigest ? [] : [{ tool: tool.name, change: "changed", pinned: pinnedDigest, listed: listedDigest }];
  });
}
