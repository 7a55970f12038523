import { z } from "zod";
import { DisabledSkills } from "../common/trusted-key.ts";
import { defineEvent } from "../define.ts";
import { PublisherId, PublisherKeyId } from "../skills/names.ts";

export const TrustedKeyRevokedPayload = z.strictObject({
  keyId: PublisherKeyId,
  publisher: PublisherId,
  reason: z.string().max(1000),
  disabledSkills: DisabledSkills,
});
export type TrustedKeyRevokedPayload = z.infer<typeof TrustedKeyRevokedPayload>;

export const trustedKeyRevoked = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.trustedKey.revoked",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust", "trace"],
    description: "A trusted publisher key was revoked; the skills it signed were disabled.",
    goal: "Records when a signing key stopped being trusted and what that took out of service.",
    context: "On the tenant's skill registry trace, followed by one controlPlane.skill.disabled per skill disabled.",
  },
  payload: TrustedKeyRevokedPayload,
});
