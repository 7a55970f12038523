import type { ReplyTarget } from "../contracts/intent.ts";
import { replyConnectionTargets } from "../runtime/connections/reply-targets.ts";
import { stepCredentials, type StepCredentialsEnv } from "../runtime/connections/step-credentials.ts";
import type { NoticeMessage } from "../runtime/notices/notice-message.ts";
import { type NoticeSent, sendNotice } from "../runtime/notices/notice-send.ts";
import { providerConfigFromEnv } from "../runtime/tools/config.ts";

/**
 * Sends an approval or confirmation notice with the tenant's own credential for the target (as a step would),
 * or fails NOT_CONNECTED without calling anyone.
 */
export async function sendTenantNotice(env: StepCredentialsEnv, tenantId: string, target: ReplyTarget, message: NoticeMessage, id: string): Promise<NoticeSent> {
  const resolved = await stepCredentials(env, providerConfigFromEnv(env)).resolve(tenantId, replyConnectionTargets(target));
  if (!resolved.ok) return { ok: false, retryable: false, code: resolved.code, message: resolved.message };
  return sendNotice(target, message, id, { config: resolved.config, fetch: (input, init) => fetch(input, init) });
}
