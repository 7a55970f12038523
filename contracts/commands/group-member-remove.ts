import { z } from "zod";
import { GroupMemberInputBase, GroupMembership } from "../common/group.ts";
import { defineOperation } from "../define.ts";

export const GroupMemberRemoveInput = z.strictObject(GroupMemberInputBase);

export const groupMemberRemove = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.group.member.remove",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["governance", "principals"],
    description: "Remove a principal from one of the tenant's groups.",
    goal: "Takes away a principal's standing as an approver without touching its keys.",
    context: "Idempotent. Decisions arriving after removal are refused with NOT_AN_APPROVER.",
  },
  input: GroupMemberRemoveInput,
  output: GroupMembership,
  errors: [],
  capability: "control-plane.admin",
  http: { method: "DELETE", path: "/v1/groups/{group}/members/{principalId}" },
  emits: [],
});
