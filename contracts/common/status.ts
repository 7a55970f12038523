import { z } from "zod";

export const StepState = z
  .enum(["pending", "ready", "running", "waiting_approval", "succeeded", "failed", "skipped", "cancelled"])
  .describe(
    "pending: waits for the steps it depends on; ready: may run once policy allows; running: the tool call is in flight; " +
      "waiting_approval: policy asked for approval; succeeded/failed: the tool call ended; " +
      "skipped: a step it depends on did not succeed; cancelled: the execution was cancelled first",
  );
export type StepState = z.infer<typeof StepState>;

export const ExecutionStatus = z
  .enum(["queued", "running", "waiting_approval", "succeeded", "failed", "cancelled", "rejected"])
  .describe(
    "queued: accepted, no step started; running: at least one step is ready or running; " +
      "waiting_approval: nothing can progress until an approver decides; succeeded: every step succeeded; " +
      "failed: a step failed or was rejected and nothing else can run; cancelled: cancelled by a caller; " +
      "rejected: the plan did not compile or verify, so no step ran",
  );
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

export const terminalExecutionStatuses = ["succeeded", "failed", "cancelled", "rejected"] as const;
