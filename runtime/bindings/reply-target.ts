import { and, eq, sql } from "drizzle-orm";
import type { ReplyTarget } from "../../contracts/intent.ts";
import { channelBindings, intents } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export type ReplyTargetCheck =
  | { ok: true }
  | { ok: false; status: 400 | 403; code: "REPLY_TARGET_INVALID" | "REPLY_TARGET_UNBOUND"; path: string; message: string };

type Provider = (typeof channelBindings.$inferSelect)["provider"];

/**
 * Whether a reply target that did not come from a signed delivery (an API intent's `replyTo`) names only what
 * the tenant has bound and confirmed: its Slack team, its GitHub repository (or a repository a signed delivery
 * showed inside its bound installation), its WhatsApp sending number. The sender is never the caller's choice
 * beyond that, and a Slack `response_url` (a bearer URL only a signed slash command hands out) never is.
 */
export async function checkReplyTarget(db: Db, tenantId: string, replyTo: ReplyTarget): Promise<ReplyTargetCheck> {
  switch (replyTo.kind) {
    case "none":
      return { ok: true };
    case "slack":
      if (replyTo.responseUrl !== undefined) {
        return { ok: false, status: 400, code: "REPLY_TARGET_INVALID", path: "replyTo.responseUrl", message: "only a signed Slack slash command carries a response_url" };
      }
      return (await confirmed(db, tenantId, "slack", replyTo.teamId)) ? { ok: true } : unbound("replyTo.teamId", `Slack team ${replyTo.teamId}`);
    case "github": {
      const repository = `${replyTo.owner}/${replyTo.repo}`;
      if (await confirmed(db, tenantId, "github", repository)) return { ok: true };
      if (replyTo.installationId !== undefined && (await confirmed(db, tenantId, "github", `installation:${replyTo.installationId}`)) && (await seenInInstallation(db, tenantId, replyTo))) return { ok: true };
      return unbound("replyTo.repo", `GitHub repository ${repository}`);
    }
    case "whatsapp_meta":
      return (await confirmed(db, tenantId, "meta", replyTo.phoneNumberId)) ? { ok: true } : unbound("replyTo.phoneNumberId", `Meta phone number id ${replyTo.phoneNumberId}`);
    case "whatsapp_twilio": {
      const number = replyTo.from.startsWith("whatsapp:") ? replyTo.from.slice("whatsapp:".length) : replyTo.from;
      return (await confirmed(db, tenantId, "twilio", number)) ? { ok: true } : unbound("replyTo.from", `Twilio number ${number}`);
    }
  }
}

function unbound(path: string, what: string): ReplyTargetCheck {
  return { ok: false, status: 403, code: "REPLY_TARGET_UNBOUND", path, message: `${what} is not a confirmed channel binding of this tenant` };
}

async function confirmed(db: Db, tenantId: string, provider: Provider, externalId: string): Promise<boolean> {
  const [row] = await db
    .select({ tenantId: channelBindings.tenantId })
    .from(channelBindings)
    .where(and(eq(channelBindings.provider, provider), eq(channelBindings.externalId, externalId), eq(channelBindings.tenantId, tenantId), eq(channelBindings.status, "confirmed")))
    .limit(1);
  return row !== undefined;
}

/**
 * An installation binding covers the repositories GitHub says are in it; without asking GitHub, the proof
 * is a signed delivery of this tenant from that repository through that installation.
 */
async function seenInInstallation(db: Db, tenantId: string, replyTo: Extract<ReplyTarget, { kind: "github" }>): Promise<boolean> {
  const [row] = await db
    .select({ id: intents.id })
    .from(intents)
    .where(
      and(
        eq(intents.tenantId, tenantId),
        eq(intents.sourceProvider, "github"),
        sql`json_extract(${intents.body}, '$.replyTo.owner') = ${replyTo.owner}`,
        sql`json_extract(${intents.body}, '$.replyTo.repo') = ${replyTo.repo}`,
        sql`json_extract(${intents.body}, '$.replyTo.installationId') = ${replyTo.installationId ?? -1}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
