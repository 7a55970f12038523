import { z } from "zod";
import { principalNotFound } from "../common/group.ts";
import { PrincipalId } from "../common/ids.ts";
import { identityAlreadyLinked, LinkableIdentity, PrincipalIdentities } from "../common/principal-identity.ts";
import { defineOperation } from "../define.ts";

export const PrincipalIdentityLinkInput = z.strictObject({
  principalId: PrincipalId.describe("The principal (person) the identity belongs to"),
  identity: LinkableIdentity,
});
export type PrincipalIdentityLinkInput = z.infer<typeof PrincipalIdentityLinkInput>;

export const principalIdentityLink = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.principal.identity.link",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "governance", "principals"],
    description: "Link a channel identity (Slack, GitHub, WhatsApp) to a principal: the same person on another channel.",
    goal:
      "Requester exclusion and quorum count people, not identities: once linked, a person cannot approve what they asked " +
      "for on another channel, nor vote twice through two identities; their groups apply on every linked channel.",
    context:
      "Idempotent for an identity already linked to this principal. An identity whose own channel principal (created by " +
      "its first message) holds nothing (no key, no group, no linked identity) is taken over by the link; one that belongs " +
      "to anybody else is refused. Executions already started keep the requester they pinned at start; the approval gate " +
      "also checks each approver's current identities, so a link made later still excludes the requester.",
  },
  input: PrincipalIdentityLinkInput,
  output: PrincipalIdentities,
  errors: [principalNotFound, identityAlreadyLinked],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/principals/{principalId}/identities" },
  emits: [],
});
