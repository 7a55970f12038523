import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { stepEventFields } from "../common/steps.ts";
import { defineEvent } from "../define.ts";
import { Actor } from "../intent.ts";

export const StepVoteRecordedPayload = z.strictObject({
  ...stepEventFields,
  by: Actor.describe("The approver's principal: votes are kept one per principal, whichever identity cast them"),
  identities: z
    .array(z.string())
    .optional()
    .describe("Every id the approver was known by when voting (principal id, channel and linked identities): what requester exclusion compared"),
  decision: z.enum(["approve", "reject"]),
  via: z.enum(["api", "link", "slack", "bulk"]),
  actionDigest: Digest.describe("The exact step (tool and arguments) the vote is bound to"),
  approvals: z.number().int().min(0).describe("Distinct approvals that count, after this vote"),
  quorum: z.number().int().min(1),
  comment: z.string().max(1000).optional(),
});

export const executionStepVoteRecorded = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.step.vote_recorded",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "step", "approval", "trace"],
    description: "One approver's decision on a held step, before the gate resolved it.",
    goal: "Records every vote towards a quorum, not only the one that met it.",
    context: "The vote that meets the quorum (or a rejection) is followed by step.approved or step.rejected.",
  },
  payload: StepVoteRecordedPayload,
});
