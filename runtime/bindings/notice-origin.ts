import type { Intent } from "../../contracts/intent.ts";
import type { Db } from "../db.ts";
import { checkReplyTarget } from "./reply-target.ts";

export type NoticeOrigin = { ok: true } | { ok: false; code: "REPLY_TARGET_UNVERIFIED"; message: string };

/**
 * Notices go only where the requester verifiably is: the channel a signed delivery came from, or an API intent's
 * reply target that is (still) a confirmed binding of the tenant. Anything else posts nothing.
 */
export async function noticeOrigin(db: Db, tenantId: string, intent: Pick<Intent, "source" | "replyTo">): Promise<NoticeOrigin> {
  const { source, replyTo } = intent;
  if (source !== undefined && source.provider !== "api") return { ok: true };
  const check = await checkReplyTarget(db, tenantId, replyTo);
  return check.ok ? check : { ok: false, code: "REPLY_TARGET_UNVERIFIED", message: check.message };
}
