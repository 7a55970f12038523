import { z } from "zod";
import { PrincipalId, Timestamp } from "./ids.ts";

/**
 * The identities channel normalizers give people: `slack:<team>:<user>`, `github:<numeric user id>`,
 * `whatsapp:<+E164>` (Meta and Twilio alike). Only these can be linked: anything else would never match a
 * delivery, and a principal id is not an identity of another principal.
 */
export const CHANNEL_IDENTITY_PATTERN = /^(slack:[A-Z0-9]+:[A-Z0-9]+|github:[0-9]+|whatsapp:\+[0-9]{6,15})$/;

export const LinkableIdentity = z
  .string()
  .max(200)
  .regex(CHANNEL_IDENTITY_PATTERN, "`slack:<team>:<user>`, `github:<numeric id>` or `whatsapp:<+E164>`")
  .describe("A channel identity, e.g. `slack:T0123:U0456`, `github:583231`, `whatsapp:+14155550100`");

export const PrincipalIdentity = z.strictObject({
  identity: z.string(),
  source: z
    .enum(["principal", "channel", "linked"])
    .describe("`principal`: the principal's own id; `channel`: the identity its first channel message created it under; `linked`: linked by an admin"),
  linkedBy: z.string().nullable().describe("The admin principal that linked it (`linked` only)"),
  linkedAt: Timestamp.nullable(),
});
export type PrincipalIdentity = z.infer<typeof PrincipalIdentity>;

export const PrincipalIdentities = z.strictObject({
  principalId: PrincipalId,
  identities: z
    .array(PrincipalIdentity)
    .describe("Every id this person is known by: requester exclusion and quorum treat them all as one principal"),
});
export type PrincipalIdentities = z.infer<typeof PrincipalIdentities>;

export const identityAlreadyLinked = {
  code: "IDENTITY_ALREADY_LINKED",
  status: 409,
  when:
    "the identity belongs to another principal: linked to it, or the channel identity of a principal that holds an API key, " +
    "a group membership or linked identities of its own",
} as const;
