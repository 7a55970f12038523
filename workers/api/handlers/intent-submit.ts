import { intentSubmit } from "../../../contracts/commands/intent-submit.ts";
import { digestOf } from "../../../engine/hash.ts";
import { acceptDelivery } from "../../ingest/accept-delivery.ts";
import { newId } from "../../ingest/ids.ts";
import { enforceIntentScope } from "../grant-scope.ts";
import { enforceReplyTarget } from "../reply-target.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { enforceRateLimit } from "../rate-limit.ts";
import { executionSummary } from "./execution-summary.ts";
import { intentOfRequest, submittedIntent } from "./request-intent.ts";
import { TENANT_REACH } from "../visibility.ts";

/**
 * Records the intent (and its idempotency key, as an `api` delivery) before answering; the execution
 * starts asynchronously through the ingest handoff, like channel traffic.
 */
export const intentSubmitHandler = implement(intentSubmit, async (input, ctx) => {
  const caller = requireCaller(ctx);
  await enforceRateLimit(ctx.env, caller);
  const { idempotencyKey, ...request } = input;
  // Structured steps, channel and reply target are checked now; text compiles later and is checked at dispatch.
  const grantScope = enforceIntentScope(caller, intentSubmit.capability, request);
  // Who asks is settled before where the answer may go.
  const intent = submittedIntent(caller, intentOfRequest(caller, request, ctx.now));
  await enforceReplyTarget(ctx.db, caller.tenantId, request.replyTo);
  // Scoped to the principal: another principal's repeat of the key is a request of its own, and never answers
  // with the first principal's execution (which it may not see).
  const deliveryId = `${caller.tenantId}:${caller.principalId}:${idempotencyKey ?? newId("in")}`;
  const accepted = await acceptDelivery(
    ctx.env,
    { provider: "api", deliveryId, payloadHash: digestOf(request), tenantId: caller.tenantId, status: "accepted" },
    [{ itemId: deliveryId, intent, grantScope }],
    ctx.now,
    ctx.waitUntil,
  );
  if (accepted.status === "conflict") {
    throw new ProblemError(409, "IDEMPOTENCY_KEY_REUSED", "This idempotency key was used with a different request.");
  }
  const [record] = accepted.records;
  if (record === undefined) throw new Error("an accepted intent has no record");
  // A new intent is queued by construction (its execution starts after this answer); a repeat shows progress.
  const summary = accepted.status === "duplicate" ? await executionSummary(ctx.db, caller.tenantId, record.executionId, TENANT_REACH) : undefined;
  return {
    intentId: record.intentId,
    executionId: record.executionId,
    traceId: record.traceId,
    status: summary?.status ?? "queued",
    planId: summary?.planId ?? null,
    planDigest: summary?.planDigest ?? null,
    rejectionReasons: [],
  };
});
