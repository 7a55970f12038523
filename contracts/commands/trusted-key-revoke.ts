import { z } from "zod";
import { PublisherKeyId } from "../skills/names.ts";
import { DisabledSkills, TrustedKeyView, trustedKeyNotFound } from "../common/trusted-key.ts";
import { defineOperation } from "../define.ts";

export const TrustedKeyRevokeInput = z.strictObject({
  keyId: PublisherKeyId,
  reason: z.string().min(1).max(1000).describe("Recorded in the revocation list and the trace"),
});
export type TrustedKeyRevokeInput = z.infer<typeof TrustedKeyRevokeInput>;

export const TrustedKeyRevokeOutput = z.strictObject({ key: TrustedKeyView, disabledSkills: DisabledSkills });
export type TrustedKeyRevokeOutput = z.infer<typeof TrustedKeyRevokeOutput>;

export const trustedKeyRevoke = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.trustedKey.revoke",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust"],
    description: "Revoke a trusted publisher key and disable every skill it signed.",
    goal: "Contains a leaked or retired signing key: nothing it signed installs or runs from now on.",
    context:
      "The key joins the revocation list (install refuses it with KEY_REVOKED whatever the manifest's issuedAt " +
      "says) and every active skill it signed is disabled, each traced as controlPlane.skill.disabled. Idempotent: " +
      "revoking a revoked key answers it unchanged and disables nothing more.",
  },
  input: TrustedKeyRevokeInput,
  output: TrustedKeyRevokeOutput,
  errors: [trustedKeyNotFound],
  capability: "control-plane.skill-registry",
  http: { method: "POST", path: "/v1/trusted-keys/{keyId}/revoke" },
  emits: ["controlPlane.trustedKey.revoked", "controlPlane.skill.disabled"],
});
