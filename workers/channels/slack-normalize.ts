import { z } from "zod";
import type { Actor, ReplyTarget } from "../../contracts/intent.ts";
import { utf8 } from "./bytes.ts";
import { parseForm } from "./form.ts";
import { decodeJson, type DraftContext, delivery, intentItem, type VerifiedDelivery } from "./normalize.ts";
import type { DeliveryItem, NormalizedDelivery, ResolveTenant } from "./sink.ts";
import { readSlackApproval } from "./slack-approval.ts";
import { readSlackPlanDecision } from "./slack-plan-decision.ts";

/** Which Slack surface a delivery came through: each expects a different acknowledgement. */
export type SlackSurface = "event" | "command" | "interaction" | "ssl_check";

export type SlackNormalized =
  | { kind: "url_verification"; challenge: string }
  | { kind: "delivery"; surface: SlackSurface; delivery: NormalizedDelivery }
  | { kind: "malformed" };

const Envelope = z.object({ type: z.string() }).loose();
const UrlVerification = z.object({ type: z.literal("url_verification"), challenge: z.string().min(1).max(1000) });
const EventCallback = z.object({
  type: z.literal("event_callback"),
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event: z.object({ type: z.string() }).loose(),
});
const MessageEvent = z.object({
  type: z.enum(["message", "app_mention"]),
  user: z.string().optional(),
  text: z.string().default(""),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});
const SlashCommand = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  text: z.string(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
const Interaction = z.object({ type: z.string(), trigger_id: z.string().min(1).optional() }).loose();
const BlockActions = z.object({
  type: z.literal("block_actions"),
  trigger_id: z.string().min(1),
  team: z.object({ id: z.string().min(1) }),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

/**
 * Slack posts Events API JSON, slash commands and interactivity (forms) to one URL; which of them a
 * delivery is comes from the signed body, never from the unsigned Content-Type (a JSON event whose
 * text reads as form fields must not become a slash command). Delivery and item ids come from the
 * body too: `event_id` for events, `trigger_id` for commands and interactions.
 */
export async function normalizeSlack(raw: VerifiedDelivery, resolveTenant: ResolveTenant): Promise<SlackNormalized> {
  // Unsigned headers decide nothing here but this log flag: the body's own first byte tells JSON from form.
  const retry = raw.headers.has("x-slack-retry-num");
  if (!isJsonObject(raw.body)) {
    const form = parseForm(raw.body);
    if (form.has("ssl_check")) {
      const deliveryId = `ssl_check:${raw.payloadDigest}`;
      const items: DeliveryItem[] = [{ kind: "ignored", itemId: deliveryId, reason: "ssl_check" }];
      return { kind: "delivery", surface: "ssl_check", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items }) };
    }
    if (form.has("payload")) return interaction(raw, form.get("payload") ?? "", retry, resolveTenant);
    if (form.has("command")) return command(raw, form, retry, resolveTenant);
    return { kind: "malformed" };
  }
  return events(raw, retry, resolveTenant);
}

async function events(raw: VerifiedDelivery, retry: boolean, resolveTenant: ResolveTenant): Promise<SlackNormalized> {
  const envelope = decodeJson(Envelope, raw.body);
  if (envelope === undefined) return { kind: "malformed" };
  if (envelope.type === "url_verification") {
    const challenge = UrlVerification.safeParse(envelope);
    return challenge.success ? { kind: "url_verification", challenge: challenge.data.challenge } : { kind: "malformed" };
  }
  if (envelope.type !== "event_callback") {
    const deliveryId = `payload:${raw.payloadDigest}`;
    const items: DeliveryItem[] = [{ kind: "ignored", itemId: deliveryId, reason: "unsupported_event" }];
    return { kind: "delivery", surface: "event", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items }) };
  }
  const callback = EventCallback.safeParse(envelope);
  if (!callback.success) return { kind: "malformed" };
  const { event_id: deliveryId, team_id: teamId } = callback.data;
  const ctx: DraftContext = { provider: "slack", deliveryId, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, resolveTenant };
  const item = await eventItem(callback.data.event, teamId, ctx);
  return { kind: "delivery", surface: "event", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items: [item] }) };
}

async function eventItem(event: unknown, teamId: string, ctx: DraftContext): Promise<DeliveryItem> {
  const itemId = ctx.deliveryId;
  const parsed = MessageEvent.safeParse(event);
  if (!parsed.success) return { kind: "ignored", itemId, reason: "unsupported_event" };
  const message = parsed.data;
  if (message.bot_id !== undefined) return { kind: "ignored", itemId, reason: "bot_message" };
  if (message.subtype !== undefined) return { kind: "ignored", itemId, reason: "message_subtype" };
  if (message.user === undefined) return { kind: "ignored", itemId, reason: "unsupported_event" };
  // Channel messages that mention us also arrive as app_mention; taking only DMs here avoids running them twice.
  if (message.type === "message" && message.channel_type !== "im") return { kind: "ignored", itemId, reason: "not_addressed" };

  const text = message.type === "app_mention" ? stripLeadingMentions(message.text) : message.text.trim();
  return intentItem(
    {
      itemId,
      binding: { provider: "slack", teamId },
      actor: slackActor(teamId, message.user),
      channel: "slack",
      replyTo: { kind: "slack", teamId, channelId: message.channel, threadTs: message.thread_ts ?? message.ts },
      text,
    },
    ctx,
  );
}

async function command(raw: VerifiedDelivery, form: URLSearchParams, retry: boolean, resolveTenant: ResolveTenant): Promise<SlackNormalized> {
  const parsed = SlashCommand.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { kind: "malformed" };
  const cmd = parsed.data;
  const deliveryId = cmd.trigger_id;
  const ctx: DraftContext = { provider: "slack", deliveryId, payloadDigest: raw.payloadDigest, receivedAt: raw.receivedAt, resolveTenant };
  const replyTo: ReplyTarget = { kind: "slack", teamId: cmd.team_id, channelId: cmd.channel_id, responseUrl: cmd.response_url };
  const item = await intentItem(
    {
      itemId: deliveryId,
      binding: { provider: "slack", teamId: cmd.team_id },
      actor: slackActor(cmd.team_id, cmd.user_id),
      channel: "slack",
      replyTo,
      text: cmd.text.trim(),
    },
    ctx,
  );
  return { kind: "delivery", surface: "command", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items: [item] }) };
}

async function interaction(raw: VerifiedDelivery, payload: string, retry: boolean, resolveTenant: ResolveTenant): Promise<SlackNormalized> {
  const envelope = decodeJson(Interaction, utf8(payload));
  if (envelope === undefined) return { kind: "malformed" };
  const deliveryId = envelope.trigger_id ?? `payload:${raw.payloadDigest}`;
  if (envelope.type !== "block_actions") {
    const items: DeliveryItem[] = [{ kind: "ignored", itemId: deliveryId, reason: "unsupported_event" }];
    return { kind: "delivery", surface: "interaction", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items }) };
  }
  const parsed = BlockActions.safeParse(envelope);
  if (!parsed.success) return { kind: "malformed" };
  const items = await approvalItems(parsed.data, deliveryId, resolveTenant);
  return { kind: "delivery", surface: "interaction", delivery: delivery(raw, { provider: "slack", deliveryId, retry, items }) };
}

async function approvalItems(
  payload: z.infer<typeof BlockActions>,
  deliveryId: string,
  resolveTenant: ResolveTenant,
): Promise<DeliveryItem[]> {
  const teamId = payload.team.id;
  const approver = slackActor(teamId, payload.user.id);
  const replyTo: ReplyTarget = {
    kind: "slack",
    teamId,
    channelId: payload.channel?.id ?? "",
    threadTs: payload.message?.thread_ts ?? payload.message?.ts,
    responseUrl: payload.response_url,
  };
  const decisions = payload.actions.map((a) => readSlackApproval(a.action_id, a.value) ?? readSlackPlanDecision(a.action_id, a.value));
  const bound = decisions.some((d) => d !== undefined) ? await resolveTenant({ provider: "slack", teamId }) : undefined;
  const tenantId = bound === undefined || "conflict" in bound ? undefined : bound.tenantId;

  return decisions.map((decision, index): DeliveryItem => {
    const itemId = `${deliveryId}#${index}`;
    if (decision === undefined) return { kind: "ignored", itemId, reason: "not_an_approval" };
    if (tenantId === undefined) return { kind: "unbound", itemId, binding: { provider: "slack", teamId }, actor: approver, replyTo };
    if ("planDigest" in decision) {
      const { executionId, planDigest } = decision;
      // Answered in the message's thread (a button's response_url would replace or hide the prompt).
      const { responseUrl: _url, ...thread } = replyTo;
      return { kind: "plan_decision", itemId, tenantId, provider: "slack", action: { decision: decision.decision, ref: { executionId, planDigest }, actor: approver, replyTo: thread } };
    }
    const { executionId, stepId } = decision;
    return { kind: "approval", itemId, tenantId, approval: { executionId, stepId, decision: decision.decision, approver }, replyTo };
  });
}

/** Events API bodies are JSON objects; form bodies start with a field name, never `{`. */
function isJsonObject(body: Uint8Array): boolean {
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b;
  }
  return false;
}

/** Slack user ids are unique only within a workspace. */
export function slackActor(teamId: string, userId: string): Actor {
  return { type: "human", id: `slack:${teamId}:${userId}` };
}

function stripLeadingMentions(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>)+/, "").trim();
}
