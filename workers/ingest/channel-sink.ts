import { and, eq } from "drizzle-orm";
import { channelBindings } from "../../schema/index.ts";
import type { ChannelBinding, IngestSink, NormalizedDelivery, ResolveTenant, TenantBinding } from "../channels/sink.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { decideFromChannel } from "../approvals/channel-decisions.ts";
import { decidePlansFromChannel } from "../approvals/plan-decisions.ts";
import type { DeliveryEntry, IntentItem } from "./record-deliveries.ts";
import { bindingScope } from "./binding-grant.ts";
import { confirmBinding } from "../../runtime/bindings/confirm.ts";
import { log } from "../../runtime/log.ts";
import { recorderName, recorderShards } from "./recorder-shard.ts";

/**
 * The runtime side of the webhook routes: a delivery is recorded (with its intents) in its DeliveryRecorderDO
 * before the provider is acknowledged; D1 learns of it from the recorder's outbox just after. Approval actions
 * are recorded with the delivery, then decided through the approval gate; delivery statuses are only recorded.
 */
export function channelSink(env: Env): IngestSink {
  return {
    async accept(delivery: NormalizedDelivery) {
      // Each intent carries its binding's narrowing (none for DEFAULT_TENANT fallback traffic: policy governs it).
      const intents: IntentItem[] = delivery.items.flatMap((item) =>
        item.kind === "intent" ? [{ itemId: item.itemId, intent: item.intent, grantScope: item.grantScope ?? null }] : [],
      );
      const unbound = delivery.items.some((item) => item.kind === "unbound" || item.kind === "bind");
      const tenantId = intents[0]?.intent.tenantId ?? null;
      const entry: DeliveryEntry = {
        delivery: {
          provider: delivery.provider,
          deliveryId: delivery.deliveryId,
          payloadHash: delivery.payloadDigest,
          tenantId,
          status: intents.length > 0 ? "accepted" : unbound ? "unbound" : "ignored",
        },
        items: intents,
        receivedAt: delivery.receivedAt,
      };
      // Recorders per provider and tenant, sharded by delivery id: each keeps its deliveries' dedupe and outbox,
      // a flood queues behind its own shards only, and a retry meets its first copy in the same recorder.
      const shards = recorderShards(env.DELIVERY_RECORDER_SHARDS);
      const name = recorderName(delivery.provider, tenantId ?? approvalTenant(delivery) ?? "-", delivery.deliveryId, shards);
      const recorder = env.DELIVERIES.get(env.DELIVERIES.idFromName(name));
      const result = await recorder.record(entry);
      // Decisions act only on the first delivery: a provider retry of the same press decides nothing twice.
      const approvals = delivery.items.flatMap((item) => (item.kind === "approval" ? [item] : []));
      if (result.status === "new" && approvals.length > 0) await decideFromChannel(env, approvals);
      const planDecisions = delivery.items.flatMap((item) => (item.kind === "plan_decision" ? [item] : []));
      if (result.status === "new" && planDecisions.length > 0) await decidePlansFromChannel(env, planDecisions);
      // A code confirms once, and only from its own channel; a provider retry of the delivery is a duplicate here.
      if (result.status === "new") await confirmFromChannel(env, delivery);
      return { status: result.status };
    },
  };
}

async function confirmFromChannel(env: Env, delivery: NormalizedDelivery): Promise<void> {
  for (const item of delivery.items) {
    if (item.kind !== "bind") continue;
    const installationId = item.binding.provider === "github" ? item.binding.installationId : undefined;
    const outcome = await confirmBinding(database(env.DB), { provider: item.binding.provider, externalIds: externalIds(item.binding), installationId, code: item.code }, new Date());
    if (outcome.ok) forgetBinding(outcome.provider, outcome.externalId);
    // The code is a secret: the line names the channel and the outcome, never the code.
    log.info("channel binding confirm", { event: "channel.binding.confirm", provider: item.binding.provider, deliveryId: delivery.deliveryId, ok: outcome.ok, ...(outcome.ok ? { tenantId: outcome.tenantId, externalId: outcome.externalId } : { code: outcome.code }) });
  }
}

function approvalTenant(delivery: NormalizedDelivery): string | undefined {
  for (const item of delivery.items) if (item.kind === "approval" || item.kind === "plan_decision") return item.tenantId;
  return undefined;
}

/**
 * Bindings are read on every delivery and change rarely, so each isolate keeps its answers (found or
 * not) for a few seconds: a D1 round trip less on the ingest path. The binding handlers forget the
 * entries they change, so this isolate sees a change at once; other isolates within BINDING_TTL_MS.
 */
export const BINDING_TTL_MS = 10_000;
const MAX_CACHED_BINDINGS = 10_000;
const bindingCache = new Map<string, { bound: TenantBinding | undefined; until: number }>();
type Resolved = Awaited<ReturnType<ResolveTenant>>;

export function forgetBinding(provider: ChannelBinding["provider"], externalId: string): void {
  bindingCache.delete(`${provider}:${externalId}`);
}

/** Forgets every cached binding: for a database emptied under a live isolate (the tests do so between files). */
export function forgetAllBindings(): void {
  bindingCache.clear();
}

/**
 * Looks a channel's confirmed binding up in D1: its tenant and the grant narrowing its intents carry. Pending
 * claims route nothing. The routes fall back to DEFAULT_TENANT (with no narrowing) when this finds nothing;
 * a delivery two confirmed bindings claim (a repository and its installation) is refused, not routed by order.
 */
export function tenantResolver(env: Env): ResolveTenant {
  const db = database(env.DB);
  const lookup = async (provider: ChannelBinding["provider"], externalId: string): Promise<TenantBinding | undefined> => {
    const key = `${provider}:${externalId}`;
    const now = Date.now();
    const cached = bindingCache.get(key);
    if (cached !== undefined && cached.until > now) return cached.bound;
    const [row] = await db
      .select({ tenantId: channelBindings.tenantId, grantScope: channelBindings.grantScope })
      .from(channelBindings)
      .where(and(eq(channelBindings.provider, provider), eq(channelBindings.externalId, externalId), eq(channelBindings.status, "confirmed")))
      .limit(1);
    const scope = row === undefined ? undefined : bindingScope(row.grantScope);
    const bound = row === undefined ? undefined : { tenantId: row.tenantId, ...(scope === undefined ? {} : { grantScope: scope }) };
    if (bindingCache.size >= MAX_CACHED_BINDINGS) bindingCache.clear();
    bindingCache.set(key, { bound, until: now + BINDING_TTL_MS });
    return bound;
  };
  return async (binding: ChannelBinding): Promise<Resolved> => {
    const found: TenantBinding[] = [];
    for (const externalId of externalIds(binding)) {
      const bound = await lookup(binding.provider, externalId);
      if (bound !== undefined) found.push(bound);
    }
    if (found.length > 1) return { conflict: true };
    return found[0];
  };
}

function externalIds(binding: ChannelBinding): string[] {
  switch (binding.provider) {
    case "slack":
      return [binding.teamId];
    case "github":
      return [binding.repository, ...(binding.installationId === undefined ? [] : [`installation:${binding.installationId}`])];
    case "meta":
      return [binding.phoneNumberId];
    case "twilio":
      return [binding.number];
  }
}
