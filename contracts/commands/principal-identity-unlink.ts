import { z } from "zod";
import { principalNotFound } from "../common/group.ts";
import { PrincipalId } from "../common/ids.ts";
import { LinkableIdentity, PrincipalIdentities } from "../common/principal-identity.ts";
import { defineOperation } from "../define.ts";

// The identity is sent percent-encoded as one path segment (`slack%3AT1%3AU1`).
export const PrincipalIdentityUnlinkInput = z.strictObject({ principalId: PrincipalId, identity: LinkableIdentity });
export type PrincipalIdentityUnlinkInput = z.infer<typeof PrincipalIdentityUnlinkInput>;

export const principalIdentityUnlink = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.principal.identity.unlink",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "governance", "principals"],
    description: "Remove a link between a channel identity and a principal, and answer the principal's identities.",
    goal: "Undoes a mistaken link, or detaches a channel account a person no longer uses.",
    context:
      "Only links made with controlPlane.principal.identity.link can be removed; a principal's own channel identity " +
      "cannot. The identity then belongs again to its own channel principal, if one exists.",
  },
  input: PrincipalIdentityUnlinkInput,
  output: PrincipalIdentities,
  errors: [principalNotFound, { code: "IDENTITY_NOT_LINKED", status: 404, when: "the identity is not linked to this principal" }],
  capability: "control-plane.admin",
  http: { method: "DELETE", path: "/v1/principals/{principalId}/identities/{identity}" },
  emits: [],
});
