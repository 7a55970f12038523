import { z } from "zod";
import { Actor } from "../intent.ts";
import { StepId } from "../plan.ts";
import { Digest, ExecutionId, StepKey, Timestamp } from "./ids.ts";

/** A step waiting for people, as the approval gate holds it. */
export const PendingApproval = z.strictObject({
  executionId: ExecutionId,
  stepId: StepId,
  key: StepKey,
  tool: z.strictObject({ key: z.string(), version: z.string() }),
  input: z.record(z.string(), z.unknown()).describe("The exact arguments the step runs with"),
  actionDigest: Digest.describe("Digest of plan, step, tool and arguments; decisions are bound to it"),
  requester: Actor,
  reason: z.string().describe("Why policy asked for approval"),
  groups: z.array(z.string()).describe("Groups asked so far (the first, then escalations)"),
  quorum: z.number().int().min(1),
  excludeRequester: z.boolean(),
  approvals: z.array(z.string()).describe("Principals that approved so far"),
  deadline: Timestamp.describe("When the request escalates or, after the last group, expires"),
  link: z.string().nullable().describe("A signed approval link for the caller, when the caller may decide"),
});
export type PendingApproval = z.infer<typeof PendingApproval>;
