import type { Intent } from "../../../contracts/intent.ts";
import type { Caller } from "../caller.ts";

interface IntentRequest {
  actor?: Intent["actor"] | undefined;
  channel: Intent["channel"];
  replyTo: Intent["replyTo"];
  text?: string | undefined;
  steps?: Intent["steps"] | undefined;
}

/** Completes an API caller's request into an Intent: tenant from the key, time from the server's clock. */
export function intentOfRequest(caller: Caller, request: IntentRequest, now: Date): Intent {
  return {
    tenantId: caller.tenantId,
    actor: request.actor ?? { type: "service", id: caller.principalId },
    channel: request.channel,
    replyTo: request.replyTo,
    ...(request.text === undefined ? {} : { text: request.text }),
    ...(request.steps === undefined ? {} : { steps: request.steps }),
    receivedAt: now.toISOString(),
  };
}
