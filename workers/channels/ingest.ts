import { readBoundedBody } from "../../runtime/http/body.ts";
import { sha256Hex } from "./crypto.ts";
import type { VerifiedDelivery } from "./normalize.ts";
import { firstRefusal, type Limiter, RETRY_AFTER_SECONDS } from "../rate-limits.ts";
import { webhookProblems } from "./problem.ts";
import type { AcceptResult, IngestSink, NormalizedDelivery, Provider, ResolveTenant } from "./sink.ts";
import type { VerifyResult } from "./verify-result.ts";

export type LogEntry = Record<string, string | number | boolean | undefined>;

export interface RouteDeps {
  sink: IngestSink;
  resolveTenant: ResolveTenant;
  /** Epoch milliseconds. */
  now: () => number;
  log: (entry: LogEntry) => void;
  /** Deliveries per tenant (WEBHOOK_TENANT_LIMIT); absent: not limited. */
  tenantLimit?: Limiter;
}

export type Received = { ok: true; raw: VerifiedDelivery } | { ok: false; response: Response };

/** Bounded read, then verification over the raw bytes; nothing is parsed before the signature holds. */
export async function receive(
  request: Request,
  provider: Provider,
  deps: RouteDeps,
  verify: (body: Uint8Array<ArrayBuffer>) => Promise<VerifyResult>,
): Promise<Received> {
  const body = await readBoundedBody(request);
  if (!body.ok) {
    deps.log({ event: "webhook.refused", provider, reason: body.reason });
    return { ok: false, response: webhookProblems.tooLarge() };
  }
  const result = await verify(body.bytes);
  if (!result.ok) {
    deps.log({ event: "webhook.refused", provider, reason: result.reason });
    return { ok: false, response: webhookProblems.unauthorized() };
  }
  return {
    ok: true,
    raw: {
      body: body.bytes,
      headers: request.headers,
      payloadDigest: await sha256Hex(body.bytes),
      receivedAt: new Date(deps.now()).toISOString(),
    },
  };
}

/**
 * Records the delivery, then acknowledges: the provider's ack means "durably ours". A tenant over its rate
 * limit gets 429 before anything is recorded, so the provider's retry is a first delivery, not a duplicate.
 */
export async function handOver(deps: RouteDeps, delivery: NormalizedDelivery, ack: () => Response): Promise<Response> {
  const common = { provider: delivery.provider, deliveryId: delivery.deliveryId };
  const limited = await limitedTenant(deps.tenantLimit, delivery);
  if (limited !== undefined) {
    deps.log({ event: "webhook.rate_limited", ...common, tenantId: limited });
    return webhookProblems.rateLimited(RETRY_AFTER_SECONDS);
  }
  let result: AcceptResult;
  try {
    result = await deps.sink.accept(delivery);
  } catch (error) {
    deps.log({ event: "webhook.sink_failed", ...common, error: error instanceof Error ? error.message : String(error) });
    return webhookProblems.unavailable();
  }
  // A new delivery leaves its own record (webhook_deliveries, then its execution's trace lines); a line per
  // new delivery cost more than the rest of the ack on local workerd. Repeats and conflicts record nothing new, so they log.
  if (result.status !== "new") deps.log({ event: `webhook.${result.status}`, ...common, items: delivery.items.length, retry: delivery.retry });
  switch (result.status) {
    case "new":
    case "duplicate":
      return ack();
    case "conflict":
      return webhookProblems.conflict();
  }
}

/** The first tenant of the delivery's work (intents, approvals) that is over its limit, if any. */
async function limitedTenant(limiter: Limiter | undefined, delivery: NormalizedDelivery): Promise<string | undefined> {
  if (limiter === undefined) return undefined;
  const tenants = new Set(
    delivery.items.flatMap((item) => (item.kind === "intent" ? [item.intent.tenantId] : item.kind === "approval" ? [item.tenantId] : [])),
  );
  for (const tenantId of [...tenants].sort()) {
    if ((await firstRefusal([{ limiter, key: `tenant:${tenantId}`, scope: "tenant" }])) !== undefined) return tenantId;
  }
  return undefined;
}

/**
 * DESIGN: traffic with no binding goes to DEFAULT_TENANT when one is configured, else it is refused. Fallback
 * traffic carries no grant narrowing: policy alone governs it.
 */
export function withDefaultTenant(resolve: ResolveTenant, defaultTenant: string | undefined): ResolveTenant {
  const fallback = defaultTenant === undefined || defaultTenant.length === 0 ? undefined : defaultTenant;
  return async (binding) => (await resolve(binding)) ?? (fallback === undefined ? undefined : { tenantId: fallback });
}
