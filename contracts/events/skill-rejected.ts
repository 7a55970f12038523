import { z } from "zod";
import { Digest } from "../common/ids.ts";
import { defineEvent } from "../define.ts";
import { SemVer, SkillKey } from "../skills/names.ts";
import { SkillCheckEntry, SkillCheckFailure } from "../skills/report.ts";

export const SkillRejectedPayload = z.strictObject({
  skill: SkillKey,
  version: SemVer,
  manifestDigest: Digest,
  firstFailure: SkillCheckFailure,
  checks: z.array(SkillCheckEntry).describe("The full report, every check in order"),
});
export type SkillRejectedPayload = z.infer<typeof SkillRejectedPayload>;

export const skillRejected = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.skill.rejected",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trace"],
    description: "An install attempt failed verification; nothing was installed.",
    goal: "Leaves evidence of refused supply-chain input, e.g. a bad signature or a bundle that does not match its digest.",
    context:
      "Only emitted for manifests that match the manifest schema: malformed input is refused with VALIDATION_FAILED " +
      "and not traced. The bundle of a rejected install is not kept.",
  },
  payload: SkillRejectedPayload,
});
