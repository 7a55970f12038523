import type { UpstreamManifest } from "../../contracts/mcp/upstream-manifest.ts";
import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import { builtinTools, createToolRegistry, type ToolRegistry, toolRegistry } from "../../contracts/tools/index.ts";
import { upstreamToolContracts } from "../upstream/tool-contracts.ts";
import { skillToolContracts } from "./tool-contracts.ts";

/**
 * The registry a tenant's plans compile against: the built-in tools plus the tools of the skills it had
 * active and the upstream MCP servers it had registered when the execution started. Pure, so the executor,
 * verify and replay rebuild the same registry (and the same registry version) from the same recorded manifests.
 */
export function tenantRegistry(manifests: readonly SkillManifest[], upstreams: readonly UpstreamManifest[] = []): ToolRegistry {
  // Nothing installed: exactly the built-in registry, built once per isolate (building one digests every contract).
  if (manifests.length === 0 && upstreams.length === 0) return toolRegistry;
  return createToolRegistry([...builtinTools, ...manifests.flatMap(skillToolContracts), ...upstreams.flatMap(upstreamToolContracts)]);
}
