import type { ReplyTarget } from "../../contracts/intent.ts";
import { replyConnectionTargets } from "../../runtime/connections/reply-targets.ts";
import { stepCredentials } from "../../runtime/connections/step-credentials.ts";
import { log } from "../../runtime/log.ts";
import { confirmationAnswer } from "../../runtime/notices/confirmation-message.ts";
import type { Env } from "../env.ts";
import { providerConfigFromEnv } from "../../runtime/tools/config.ts";
import { sendNotice } from "../../runtime/notices/notice-send.ts";

/**
 * A Confirm / Cancel pressed on an archived execution is answered in the press's own conversation, like the
 * execution's other refusals, but from here: the execution's object is emptied and must stay so. With the tenant's
 * own credential for the target; one attempt, its outcome logged (there is no trace left to record it in).
 */
export async function answerArchivedPress(env: Env, tenantId: string, executionId: string, target: ReplyTarget, itemId: string): Promise<void> {
  if (target.kind === "none") return;
  const resolved = await stepCredentials(env, providerConfigFromEnv(env)).resolve(tenantId, replyConnectionTargets(target));
  if (!resolved.ok) {
    log.warn("answer to a press on an archived execution not sent", { executionId, code: resolved.code });
    return;
  }
  const message = confirmationAnswer("EXECUTION_ARCHIVED", { executionId });
  const sent = await sendNotice(target, message, `plan-decision:${itemId}:archived`, { config: resolved.config, fetch: (input, init) => fetch(input, init) });
  if (!sent.ok) log.warn("answer to a press on an archived execution not sent", { executionId, code: sent.code });
}
