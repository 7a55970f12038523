import type { Actor } from "../../contracts/intent.ts";
import { ProblemError } from "../api/problem.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { approverByIdentity } from "./approver.ts";
import { decideStep } from "./decide.ts";
import { log } from "../../runtime/log.ts";

/**
 * A decision a channel read (a Slack button press), declared here so approvals need nothing from channel
 * code (DESIGN: the core never imports workers/channels); the channel layer's approval items fit it.
 */
export interface ApprovalItem {
  itemId: string;
  tenantId: string;
  approval: { executionId: string; stepId: string; decision: "approve" | "reject"; approver: Actor };
}

export interface ChannelDecision {
  itemId: string;
  ok: boolean;
  code: string | null;
}

/**
 * Button presses (Slack block_actions) become the same decision the API makes: the channel identity is
 * mapped to its principal, and the gate applies every rule. An unknown identity decides nothing.
 */
export async function decideFromChannel(env: Env, items: readonly ApprovalItem[]): Promise<ChannelDecision[]> {
  const db = database(env.DB);
  const results: ChannelDecision[] = [];
  for (const item of items) {
    const approver = await approverByIdentity(db, item.tenantId, item.approval.approver.id);
    if (!approver) {
      results.push({ itemId: item.itemId, ok: false, code: "NOT_AN_APPROVER" });
      continue;
    }
    try {
      await decideStep(env, db, {
        tenantId: item.tenantId,
        executionId: item.approval.executionId,
        stepId: item.approval.stepId,
        decision: item.approval.decision,
        approver,
        via: "slack",
      });
      results.push({ itemId: item.itemId, ok: true, code: null });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      results.push({ itemId: item.itemId, ok: false, code: error.code });
    }
  }
  for (const r of results) log.info("channel approval", { ...r });
  return results;
}
