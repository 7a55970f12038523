import { z } from "zod";
import { GroupMemberInputBase, GroupMembership, principalNotFound } from "../common/group.ts";
import { defineOperation } from "../define.ts";

export const GroupMemberAddInput = z.strictObject(GroupMemberInputBase);

export const groupMemberAdd = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.group.member.add",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["governance", "principals"],
    description: "Add a principal to one of the tenant's groups.",
    goal: "Groups are how policy names approvers: adding a person to `approvers` lets approval requests reach them.",
    context: "Idempotent. Membership is read when an execution starts (the requester's roles) and when a decision arrives.",
  },
  input: GroupMemberAddInput,
  output: GroupMembership,
  errors: [principalNotFound],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/groups/{group}/members" },
  emits: [],
});
