import { z } from "zod";
import { executionArchived, executionNotVisible } from "../common/errors.ts";
import { ExecutionSummary } from "../common/execution.ts";
import { ExecutionId } from "../common/ids.ts";
import { defineOperation } from "../define.ts";

export const ExecutionCancelInput = z.strictObject({
  executionId: ExecutionId,
  reason: z.string().max(1000).optional().describe("Recorded in the trace"),
});
export type ExecutionCancelInput = z.infer<typeof ExecutionCancelInput>;

export const ExecutionCancelOutput = ExecutionSummary;
export type ExecutionCancelOutput = z.infer<typeof ExecutionCancelOutput>;

export const executionCancel = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.execution.cancel",
    version: "1.2.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution"],
    description: "Stop an execution: no further step starts.",
    goal: "Gives operators a brake that takes effect at once, whatever the plan's state.",
    context:
      "Steps not yet started become `cancelled` and pending approval requests are withdrawn. A tool call already in " +
      "flight cannot be recalled; its outcome is still traced. Cancelling an execution that already ended answers " +
      "EXECUTION_ALREADY_ENDED and changes nothing. A key cancels the executions its principal requested; another " +
      "principal's takes an unnarrowed control-plane.admin grant (FORBIDDEN when the key sees it through audit but " +
      "may not stop it, EXECUTION_NOT_FOUND when it may not even see it).",
  },
  input: ExecutionCancelInput,
  output: ExecutionCancelOutput,
  errors: [
    executionNotVisible,
    executionArchived,
    { code: "EXECUTION_ALREADY_ENDED", status: 409, when: "the execution is already succeeded, failed, cancelled or rejected" },
  ],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/executions/{executionId}/cancel" },
  emits: ["controlPlane.execution.cancelled"],
});
