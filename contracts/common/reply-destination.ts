import { z } from "zod";
import { ReplyTarget } from "../intent.ts";

/**
 * Where an execution's replies go (channel.reply and approval notices), as policy conditions and grant
 * constraints see it under the argument path `$destination`: the reply target without its credentials (a
 * Slack response_url is a bearer URL), plus `binding`, the channel binding's external id it falls under.
 */
export const ReplyDestination = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("slack"), binding: z.string(), teamId: z.string(), channelId: z.string(), threadTs: z.string().optional() }),
  z.strictObject({
    kind: z.literal("github"),
    binding: z.string().describe("`owner/repo`"),
    owner: z.string(),
    repo: z.string(),
    issueNumber: z.number().int(),
    installationId: z.number().int().optional(),
  }),
  z.strictObject({ kind: z.literal("whatsapp_meta"), binding: z.string().describe("the sending phone number id"), phoneNumberId: z.string(), to: z.string() }),
  z.strictObject({ kind: z.literal("whatsapp_twilio"), binding: z.string().describe("the sending number, E.164"), from: z.string(), to: z.string() }),
  z.strictObject({ kind: z.literal("none") }),
]);
export type ReplyDestination = z.infer<typeof ReplyDestination>;

/** The argument path under which conditions and grant constraints read the destination. */
export const DESTINATION_ARG = "$destination";

export function destinationOf(replyTo: ReplyTarget): ReplyDestination {
  switch (replyTo.kind) {
    case "slack":
      return { kind: "slack", binding: replyTo.teamId, teamId: replyTo.teamId, channelId: replyTo.channelId, ...(replyTo.threadTs === undefined ? {} : { threadTs: replyTo.threadTs }) };
    case "github":
      return {
        kind: "github",
        binding: `${replyTo.owner}/${replyTo.repo}`,
        owner: replyTo.owner,
        repo: replyTo.repo,
        issueNumber: replyTo.issueNumber,
        ...(replyTo.installationId === undefined ? {} : { installationId: replyTo.installationId }),
      };
    case "whatsapp_meta":
      return { kind: "whatsapp_meta", binding: replyTo.phoneNumberId, phoneNumberId: replyTo.phoneNumberId, to: replyTo.to };
    case "whatsapp_twilio":
      return { kind: "whatsapp_twilio", binding: replyTo.from.replace(/^whatsapp:/, ""), from: replyTo.from, to: replyTo.to };
    case "none":
      return { kind: "none" };
  }
}

/**
 * The input conditions are evaluated on: the step's input with `$destination` set (over anything the input
 * itself holds under that name, so a plan cannot name its own destination).
 */
export function withDestination(input: Record<string, unknown>, destination: ReplyDestination | undefined): Record<string, unknown> {
  return destination === undefined ? input : { ...input, [DESTINATION_ARG]: destination };
}
