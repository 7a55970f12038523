import { z } from "zod";
import { executionArchived, executionNotVisible } from "../common/errors.ts";
import { ExecutionSummary } from "../common/execution.ts";
import { ExecutionId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ExecutionConfirmInput = z.strictObject({
  executionId: ExecutionId,
  planDigest: z.string().regex(/^[0-9a-f]{64}$/).describe("The digest of the plan being confirmed, as the execution shows it"),
});
export type ExecutionConfirmInput = z.infer<typeof ExecutionConfirmInput>;

export const ExecutionConfirmOutput = ExecutionSummary;
export type ExecutionConfirmOutput = z.infer<typeof ExecutionConfirmOutput>;

export const executionConfirm = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.confirm",
    version: "1.1.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["execution", "planner"],
    description: "Confirm a model-drafted plan so that it may run.",
    goal: "The requester, and only the requester, releases what a model drafted from their words, after seeing the exact plan.",
    context:
      "A plan the planner's model drafted with any step above low risk waits for this before any step is evaluated. " +
      "Only the principal that requested the execution may confirm it, and only the plan digest it was shown: a changed " +
      "plan is refused. After confirmation, policy and approvals apply to each step as to any other plan. An " +
      "unconfirmed plan is cancelled when its confirmation expires.",
  },
  input: ExecutionConfirmInput,
  output: ExecutionConfirmOutput,
  errors: [
    executionNotVisible,
    executionArchived,
    { code: "NOT_REQUESTER", status: 403, when: "the caller's principal is not the execution's requester" },
    { code: "PLAN_CHANGED", status: 409, when: "`planDigest` is not the digest of the plan awaiting confirmation" },
    { code: "CONFIRMATION_NOT_PENDING", status: 409, when: "the execution is not waiting for confirmation (never was, already confirmed, cancelled)" },
    { code: "CONFIRMATION_EXPIRED", status: 409, when: "the confirmation window has passed; the plan was cancelled" },
  ],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/executions/{executionId}/confirm" },
  emits: ["controlPlane.plan.confirmation_resolved", "controlPlane.execution.started"],
});
