import { z } from "zod";
import { TrustedPublisherKey } from "../skills/trust.ts";
import { SkillId, Timestamp } from "./ids.ts";

export const TrustedKeyStatus = z.enum(["active", "revoked"]);
export type TrustedKeyStatus = z.infer<typeof TrustedKeyStatus>;

/** A trusted publisher key as callers see it; a revoked key stays listed for audit. */
export const TrustedKeyView = z.strictObject({
  ...TrustedPublisherKey.shape,
  status: TrustedKeyStatus,
  addedAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  revokedReason: z.string().max(1000).nullable(),
});
export type TrustedKeyView = z.infer<typeof TrustedKeyView>;

export const DisabledSkills = z.array(SkillId).describe("Installed skills this change disabled");

export const trustedKeyNotFound = {
  code: "TRUSTED_KEY_NOT_FOUND",
  status: 404,
  when: "no publisher key with this id is in the caller's tenant's trust store",
};
