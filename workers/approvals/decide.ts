import type { ExecutionStatus, StepState } from "../../contracts/common/status.ts";
import type { Approver, Vote, Via, VoteRequest } from "../../engine/approval-gate.ts";
import type { VoteResult } from "../../durable-objects/execution.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../api/problem.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { requireExecution } from "../api/handlers/execution-summary.ts";
import { refuseArchived } from "../api/handlers/archived-guard.ts";
import { TENANT_REACH } from "../api/visibility.ts";

const STATUS: Record<Exclude<VoteResult, { ok: true }>["code"], 403 | 404 | 409> = {
  STEP_NOT_FOUND: 404,
  STEP_NOT_AWAITING_APPROVAL: 409,
  ACTION_CHANGED: 409,
  TOKEN_ALREADY_USED: 409,
  NOT_AN_APPROVER: 403,
  SELF_APPROVAL_FORBIDDEN: 403,
  ALREADY_DECIDED: 409,
};

const DETAIL: Record<keyof typeof STATUS, string> = {
  STEP_NOT_FOUND: "The execution has no such step.",
  STEP_NOT_AWAITING_APPROVAL: "The step is not waiting for approval.",
  ACTION_CHANGED: "The step's tool or arguments are not the ones this decision was issued for.",
  TOKEN_ALREADY_USED: "This approval link was already used.",
  NOT_AN_APPROVER: "You are not in a group this step's approval asks.",
  SELF_APPROVAL_FORBIDDEN: "The requester cannot approve their own step under this rule.",
  ALREADY_DECIDED: "You have already decided on this step.",
};

/** One vote, as the gate takes it (VoteRequest), on a step of one of the tenant's executions. */
export interface Decision extends VoteRequest {
  tenantId: string;
  executionId: string;
}

export interface Decided {
  executionId: string;
  stepId: string;
  decision: "approved" | "rejected";
  approvals: number;
  quorum: number;
  stepState: StepState;
  executionStatus: ExecutionStatus;
}

/** Every channel's decision (API, link, Slack, bulk) goes through here to the execution's single writer. */
export async function decideStep(env: Env, db: Db, d: Decision): Promise<Decided> {
  await requireExecution(db, d.tenantId, d.executionId, TENANT_REACH);
  await refuseArchived(db, d.tenantId, d.executionId);
  const stub = executionStub(env, d.executionId);
  if (!(await stub.started())) throw new ProblemError(409, "STEP_NOT_AWAITING_APPROVAL", DETAIL.STEP_NOT_AWAITING_APPROVAL);
  const result = await stub.vote({
    stepId: d.stepId,
    decision: d.decision,
    approver: d.approver,
    via: d.via,
    ...(d.actionDigest === undefined ? {} : { actionDigest: d.actionDigest }),
    ...(d.tokenId === undefined ? {} : { tokenId: d.tokenId }),
    ...(d.comment === undefined ? {} : { comment: d.comment }),
  });
  if (!result.ok) throw new ProblemError(STATUS[result.code], result.code, DETAIL[result.code]);
  return {
    executionId: d.executionId,
    stepId: d.stepId,
    decision: d.decision === "approve" ? "approved" : "rejected",
    approvals: result.approvals,
    quorum: result.quorum,
    stepState: result.stepState,
    executionStatus: result.executionStatus,
  };
}
