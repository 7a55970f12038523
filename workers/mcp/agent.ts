import { and, eq } from "drizzle-orm";
import type { Actor } from "../../contracts/intent.ts";
import { principals } from "../../schema/index.ts";
import type { Caller } from "../api/caller.ts";
import type { Db } from "../db.ts";

/** The connected MCP client: who its key belongs to, and the session it is in. */
export interface McpCaller extends Caller {
  /** The key's principal; an MCP intent's actor is always this, never something the client says. */
  actor: Actor;
  /** Groups the principal belongs to (policy's roles). */
  roles: readonly string[];
}

/** The key's principal as an actor (type from the principal row: `agent` for agent keys). */
export async function actorOf(db: Db, caller: Caller): Promise<Actor> {
  const row = await db.query.principals.findFirst({
    where: and(eq(principals.id, caller.principalId), eq(principals.tenantId, caller.tenantId)),
    columns: { type: true },
  });
  if (!row) throw new Error(`principal ${caller.principalId} of key ${caller.keyId} is missing`);
  return { type: row.type, id: caller.principalId };
}
