import { z } from "zod";
import { GroupName } from "../policy/document.ts";

export const GroupMemberInputBase = {
  group: GroupName.describe("Group name, e.g. `approvers`; policy approval rules name groups"),
  principalId: z.string().min(1).max(200).describe("A principal of the tenant"),
};

export const GroupMembership = z.strictObject({
  group: GroupName,
  principalId: z.string(),
  members: z.number().int().min(0).describe("Members of the group after the change"),
});
export type GroupMembership = z.infer<typeof GroupMembership>;

export const principalNotFound = {
  code: "PRINCIPAL_NOT_FOUND",
  status: 404,
  when: "the tenant has no principal with this id",
};
