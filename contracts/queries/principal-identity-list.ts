import { z } from "zod";
import { principalNotFound } from "../common/group.ts";
import { PrincipalId } from "../common/ids.ts";
import { PrincipalIdentities } from "../common/principal-identity.ts";
import { defineOperation } from "../define.ts";

export const PrincipalIdentityListInput = z.strictObject({ principalId: PrincipalId });
export type PrincipalIdentityListInput = z.infer<typeof PrincipalIdentityListInput>;

export const principalIdentityList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.principal.identity.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "governance", "principals"],
    description: "List every id a principal is known by: its own id, its channel identity and linked identities.",
    goal: "Shows which channel accounts count as one person for requester exclusion, quorum and group membership.",
    context: "Only the caller's own tenant; another tenant's principal is not found.",
  },
  input: PrincipalIdentityListInput,
  output: PrincipalIdentities,
  errors: [principalNotFound],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/principals/{principalId}/identities" },
  emits: [],
});
