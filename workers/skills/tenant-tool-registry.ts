import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { tenantRegistry } from "../../engine/skills/tenant-registry.ts";
import type { Db } from "../db.ts";
import { activeManifests } from "./installed.ts";

/**
 * The registry the tenant's plans compile against right now: built-ins plus its active skills. The API's
 * previews use it so that a previewed plan digest is the one the ExecutionDO compiles at start.
 */
export async function tenantToolRegistry(db: Db, tenantId: string): Promise<ToolRegistry> {
  return tenantRegistry(await activeManifests(db, tenantId));
}
