import type { Actor, Intent } from "../../../contracts/intent.ts";
import { callerActor } from "../../skills/caller-actor.ts";
import type { Caller } from "../caller.ts";
import { ProblemError } from "../problem.ts";

interface IntentRequest {
  actor?: Intent["actor"] | undefined;
  channel: Intent["channel"];
  replyTo: Intent["replyTo"];
  text?: string | undefined;
  steps?: Intent["steps"] | undefined;
}

/**
 * The actor of an API intent is the key's principal, always. A body may still name it (clients that echo an
 * intent back), but naming anyone else, or the caller with another type, is refused: who asked comes from the
 * credential, never from the body, so requester exclusion and role rules see the real caller.
 */
export function requireCallerActor(caller: Caller, claimed: Actor | undefined, path: string): Actor {
  const actor = callerActor(caller);
  if (claimed !== undefined && (claimed.id !== actor.id || claimed.type !== actor.type)) {
    throw new ProblemError(400, "ACTOR_NOT_CALLER", "The actor of an API intent is the calling key's principal; a body cannot name another.", [
      { path, message: `must be omitted or be the caller itself (${actor.type}:${actor.id})` },
    ]);
  }
  return actor;
}

/** Completes an API caller's request into an Intent: actor and tenant from the key, time from the server's clock. */
export function intentOfRequest(caller: Caller, request: IntentRequest, now: Date): Intent {
  return {
    tenantId: caller.tenantId,
    actor: requireCallerActor(caller, request.actor, "actor"),
    channel: request.channel,
    replyTo: request.replyTo,
    ...(request.text === undefined ? {} : { text: request.text }),
    ...(request.steps === undefined ? {} : { steps: request.steps }),
    receivedAt: now.toISOString(),
  };
}

/** The intent as recorded for an execution: with the key that submitted it (the actor is that key's principal). */
export function submittedIntent(caller: Caller, intent: Intent): Intent {
  return { ...intent, submittedBy: { keyId: caller.keyId, principalId: caller.principalId } };
}
