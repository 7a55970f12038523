import { z } from "zod";
import { GrantScope } from "../common/grant.ts";
import { Digest, Timestamp } from "../common/ids.ts";
import { ReplyDestination } from "../common/reply-destination.ts";
import { defineEvent } from "../define.ts";
import { Actor, ChannelKind } from "../intent.ts";
import { DraftSource, PolicyDocument } from "../policy/document.ts";

export const PolicyPinnedPayload = z.strictObject({
  version: z.string(),
  hash: Digest,
  document: PolicyDocument,
  context: z.strictObject({
    tenantId: z.string(),
    channel: ChannelKind,
    requesterRoles: z.array(z.string()),
    at: Timestamp,
    executionsInLastHour: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("With a policy budget: the tenant's executions created in the hour before this one, the count the budget is judged on"),
    destination: ReplyDestination.optional().describe("Where the execution's replies go; conditions read it as `$destination`"),
    draftSource: DraftSource.optional().describe("Who drafted the plan (`grammar`, `structured` or `model`); the `draftSources` condition reads it"),
  }),
  grantScope: GrantScope.optional().describe(
    "The narrowing of the grant that authorized the intent; every step outside it is blocked (GRANT_SCOPE_EXCEEDED)",
  ),
  requester: z
    .strictObject({
      principal: Actor.nullable().describe("The principal the intent's actor resolved to (through linked identities); null when none"),
      identities: z.array(z.string()).describe("Every id the requester was known by: the actor, the principal id and its identities"),
    })
    .optional()
    .describe("The requester as a person at start; the approval gate excludes the requester through any of these ids"),
});

export const executionPolicyPinned = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.policy_pinned",
    version: "2.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "policy", "trace"],
    description: "The policy (version, hash and full document) and context an execution decides every step with.",
    goal: "Lets replay rebuild every verdict from the trace alone, even after the tenant activated another policy.",
    context:
      "Recorded once, before the execution starts; the requester's groups, the requester's principal and identities " +
      "(linked identities included) and the time are taken at this moment.",
  },
  payload: PolicyPinnedPayload,
});
