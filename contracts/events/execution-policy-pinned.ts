import { z } from "zod";
import { GrantScope } from "../common/grant.ts";
import { Digest, Timestamp } from "../common/ids.ts";
import { ReplyDestination } from "../common/reply-destination.ts";
import { defineEvent } from "../define.ts";
import { ChannelKind } from "../intent.ts";
import { PolicyDocument } from "../policy/document.ts";

export const PolicyPinnedPayload = z.strictObject({
  version: z.string(),
  hash: Digest,
  document: PolicyDocument,
  context: z.strictObject({
    tenantId: z.string(),
    channel: ChannelKind,
    requesterRoles: z.array(z.string()),
    at: Timestamp,
    destination: ReplyDestination.optional().describe("Where the execution's replies go; conditions read it as `$destination`"),
  }),
  grantScope: GrantScope.optional().describe(
    "The narrowing of the grant that authorized the intent; every step outside it is blocked (GRANT_SCOPE_EXCEEDED)",
  ),
});

export const executionPolicyPinned = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.execution.policy_pinned",
    version: "1.1.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["execution", "policy", "trace"],
    description: "The policy (version, hash and full document) and context an execution decides every step with.",
    goal: "Lets replay rebuild every verdict from the trace alone, even after the tenant activated another policy.",
    context: "Recorded once, before the execution starts; the requester's groups and the time are taken at this moment.",
  },
  payload: PolicyPinnedPayload,
});
