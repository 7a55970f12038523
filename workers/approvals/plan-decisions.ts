import { and, eq, gt } from "drizzle-orm";
import type { Actor, ReplyTarget } from "../../contracts/intent.ts";
import type { ConfirmationVia } from "../../contracts/events/plan-confirmation.ts";
import type { PlanDecision, PlanRef } from "../../contracts/common/plan-confirmation-controls.ts";
import { personOf } from "../../runtime/identities.ts";
import { log } from "../../runtime/log.ts";
import { executions, planConfirmationCodes } from "../../schema/index.ts";
import { archiveKeyOf, EXECUTION_ARCHIVED } from "../api/handlers/archived-guard.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { answerArchivedPress } from "./archived-answer.ts";
import { type Db, database } from "../db.ts";
import type { Env } from "../env.ts";

/**
 * A Confirm / Cancel a channel read, declared here so this needs nothing from channel code (the channel layer's
 * `plan_decision` items fit it).
 */
export interface PlanDecisionItem {
  itemId: string;
  tenantId: string;
  provider: "slack" | "github" | "meta" | "twilio";
  action: { decision: PlanDecision; ref: PlanRef | { code: string }; actor: Actor; replyTo: ReplyTarget };
}

export interface PlanDecisionOutcome {
  itemId: string;
  ok: boolean;
  code: string | null;
}

const VIA: Record<PlanDecisionItem["provider"], ConfirmationVia> = { slack: "slack", github: "github", meta: "whatsapp_meta", twilio: "whatsapp_twilio" };

/**
 * Confirm / Cancel from a channel becomes the same decision the API makes: the plan is found within the item's tenant
 * only (a button's execution id, or a code registered by the tenant's execution), the channel identity is mapped to
 * its principal, and the execution decides, traces, and answers in the requester's thread. What names no plan of the
 * tenant changes nothing and is only logged: there is no execution to trace it in.
 */
export async function decidePlansFromChannel(env: Env, items: readonly PlanDecisionItem[], now: Date = new Date()): Promise<PlanDecisionOutcome[]> {
  const db = database(env.DB);
  const outcomes: PlanDecisionOutcome[] = [];
  for (const item of items) {
    const ref = await planOf(db, item, now);
    if (ref === undefined) {
      outcomes.push({ itemId: item.itemId, ok: false, code: "PLAN_NOT_FOUND" });
      continue;
    }
    // An archived execution's object is emptied and read-only: the press changes nothing; its thread hears so.
    if ((await archiveKeyOf(db, item.tenantId, ref.executionId)) !== null) {
      await answerArchivedPress(env, item.tenantId, ref.executionId, item.action.replyTo, item.itemId);
      outcomes.push({ itemId: item.itemId, ok: false, code: EXECUTION_ARCHIVED });
      continue;
    }
    const stub = executionStub(env, ref.executionId);
    if (!(await stub.started())) {
      outcomes.push({ itemId: item.itemId, ok: false, code: "PLAN_NOT_FOUND" });
      continue;
    }
    const person = await personOf(db, item.tenantId, item.action.actor.id);
    const by = person?.principal ?? item.action.actor;
    const result = await stub.decidePlan({ by, decision: item.action.decision, planDigest: ref.planDigest, via: VIA[item.provider], answerTo: item.action.replyTo });
    outcomes.push({ itemId: item.itemId, ok: result.ok, code: result.ok ? null : result.code });
  }
  for (const o of outcomes) log.info("channel plan decision", { ...o });
  return outcomes;
}

async function planOf(db: Db, item: PlanDecisionItem, now: Date): Promise<PlanRef | undefined> {
  const { ref } = item.action;
  if ("code" in ref) {
    // An expired code still finds its plan, so the requester hears that it expired rather than nothing.
    const [row] = await db
      .select({ executionId: planConfirmationCodes.executionId, planDigest: planConfirmationCodes.planDigest })
      .from(planConfirmationCodes)
      .where(and(eq(planConfirmationCodes.tenantId, item.tenantId), eq(planConfirmationCodes.code, ref.code), gt(planConfirmationCodes.expiresAt, new Date(now.getTime() - 86_400_000).toISOString())))
      .limit(1);
    return row;
  }
  // A button names an execution: it must be one of this tenant's.
  const [row] = await db
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.id, ref.executionId), eq(executions.tenantId, item.tenantId)))
    .limit(1);
  return row === undefined ? undefined : ref;
}
