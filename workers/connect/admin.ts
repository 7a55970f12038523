import { authenticate } from "../api/authenticate.ts";
import type { Caller } from "../api/caller.ts";
import { ProblemError } from "../api/problem.ts";
import type { Db } from "../db.ts";

/** Starting an install binds the tenant's channels: only its admins (control-plane.admin) may. */
export const CONNECT_CAPABILITY = "control-plane.admin";

export async function connectingAdmin(db: Db, authorization: string | undefined, now: Date): Promise<Caller> {
  const caller = await authenticate(db, authorization, now);
  if (!caller.capabilities.has(CONNECT_CAPABILITY)) throw new ProblemError(403, "FORBIDDEN", `This key lacks the capability ${CONNECT_CAPABILITY}.`);
  return caller;
}
