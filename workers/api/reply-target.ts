import type { ReplyTarget } from "../../contracts/intent.ts";
import { checkReplyTarget } from "../../runtime/bindings/reply-target.ts";
import type { Db } from "../db.ts";
import { ProblemError } from "./problem.ts";

/** Refuses (403 REPLY_TARGET_UNBOUND, 400 REPLY_TARGET_INVALID, with the field's path) an API intent's reply target outside the tenant's confirmed bindings. */
export async function enforceReplyTarget(db: Db, tenantId: string, replyTo: ReplyTarget, prefix = ""): Promise<void> {
  const check = await checkReplyTarget(db, tenantId, replyTo);
  if (check.ok) return;
  throw new ProblemError(check.status, check.code, `The reply target is refused: ${check.message}.`, [{ path: `${prefix}${check.path}`, message: check.message }]);
}
