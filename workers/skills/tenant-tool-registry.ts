import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { tenantRegistry } from "../../engine/skills/tenant-registry.ts";
import type { Db } from "../db.ts";
import { upstreamManifests } from "../mcp/upstream/registered.ts";
import { activeManifests } from "./installed.ts";

/**
 * The registry the tenant's plans compile against right now: built-ins plus its active skills and registered upstream MCP servers. The API's
 * previews use it so that a previewed plan digest is the one the ExecutionDO compiles at start.
 */
export async function tenantToolRegistry(db: Db, tenantId: string): Promise<ToolRegistry> {
  const [skills, upstreams] = await Promise.all([activeManifests(db, tenantId), upstreamManifests(db, tenantId)]);
  return tenantRegistry(skills, upstreams);
}
