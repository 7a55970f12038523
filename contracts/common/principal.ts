import { z } from "zod";
import { ActorType } from "../intent.ts";
import { GroupName } from "../policy/document.ts";
import { PrincipalId, Timestamp } from "./ids.ts";

/**
 * A channel identity: `slack:<team>:<user>`, `github:<user id>`, `whatsapp:<+E164>`. Channel users become
 * principals under this identity the first time a bound channel delivers a message from them.
 */
export const ChannelIdentity = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z]+:[^\s]+$/, "`<provider>:<id>`, e.g. `slack:T123:U456`")
  .describe("Channel identity, e.g. `slack:T123:U456`, `github:583231`, `whatsapp:+14155550100`");

export const PrincipalView = z.strictObject({
  principalId: PrincipalId,
  type: ActorType,
  displayName: z.string(),
  channelIdentity: z.string().nullable().describe("Set for principals that came from a channel (or were created with one)"),
  groups: z.array(GroupName).describe("Groups the principal belongs to, sorted"),
  createdAt: Timestamp,
});
export type PrincipalView = z.infer<typeof PrincipalView>;
