import type { Actor } from "../../contracts/intent.ts";
import type { Caller } from "../api/caller.ts";

/** The connected MCP client: who its key belongs to, and the session it is in. */
export interface McpCaller extends Caller {
  /** The key's principal; an MCP intent's actor is always this, never something the client says. */
  actor: Actor;
  /** Groups the principal belongs to (policy's roles). */
  roles: readonly string[];
}

/** The key's principal as an actor, with the type its principal row has (`agent` for agent keys). */
export function actorOf(caller: Caller): Actor {
  return { type: caller.principalType, id: caller.principalId };
}
