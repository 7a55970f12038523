import type { TraceEvent } from "../../contracts/common/trace.ts";
import type { Actor } from "../../contracts/intent.ts";
import { digestOf } from "../../engine/hash.ts";
import { payloadKey } from "../../durable-objects/payload-key.ts";
import type { Env } from "../env.ts";
import { log } from "../../runtime/log.ts";

/**
 * Registry changes (trust, installs, refusals, disabling) are not part of any execution, so each tenant
 * has one skill registry trace, `sr_<tenantId>`, whose executionId is the same id. Its links are read from
 * D1; its one writer, the tenant's RegistryTraceDO (durable-objects/registry-trace.ts), keeps the chain's
 * head, which trace reads check D1 against.
 */
export function registryTraceId(tenantId: string): string {
  return `sr_${tenantId}`;
}

export function isRegistryTrace(traceId: string): boolean {
  return traceId.startsWith("sr_");
}

export function registryTraceStub(env: Pick<Env, "REGISTRY_TRACES">, tenantId: string) {
  return env.REGISTRY_TRACES.get(env.REGISTRY_TRACES.idFromName(tenantId));
}

export async function recordRegistryEvent(
  env: Env,
  tenantId: string,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  at: Date,
): Promise<TraceEvent> {
  const traceId = registryTraceId(tenantId);
  const payloadDigest = digestOf(payload);
  const ref = payloadKey(tenantId, traceId, payloadDigest);
  await env.TRACES.put(ref, JSON.stringify(payload), { httpMetadata: { contentType: "application/json" } });
  const event = await registryTraceStub(env, tenantId).append(tenantId, traceId, {
    type,
    at: at.toISOString(),
    actor,
    capabilitySource: "core",
    payloadDigest,
    payloadRef: ref,
  });
  log.info("trace", { ...event });
  return event;
}
