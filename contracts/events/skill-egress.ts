import { z } from "zod";
import { defineEvent } from "../define.ts";
import { SemVer, SkillKey } from "../skills/names.ts";

export const SkillEgressPayload = z.strictObject({
  skill: SkillKey,
  version: SemVer,
  tool: z.string().max(200).describe("Tool key of the step that made the request"),
  method: z.string().max(20),
  host: z.string().max(253).describe("Host the skill asked for (empty when the URL had none)"),
  path: z.string().max(2000).describe("URL path, without the query string (which may carry secrets)"),
  decision: z.enum(["allowed", "blocked"]),
  reason: z.string().max(500).describe("Why: the allowlist entry that matched, or why none did"),
  status: z.number().int().nullable().describe("Upstream HTTP status of an allowed request; null if blocked or failed"),
});
export type SkillEgressPayload = z.infer<typeof SkillEgressPayload>;

export const skillEgress = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.skill.egress",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trace", "egress"],
    description: "A skill's sandbox made an outbound request through the egress gateway.",
    goal: "Every byte a third-party bundle tries to send out is accounted for, allowed or not.",
    context:
      "Recorded on the execution's trace with the step id. Only hosts on the manifest's egress list are forwarded, " +
      "over HTTPS; everything else is answered 403 by the gateway and never leaves the Worker.",
  },
  payload: SkillEgressPayload,
});
