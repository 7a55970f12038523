import { desc, eq } from "drizzle-orm";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import type { Actor } from "../../contracts/intent.ts";
import { digestOf } from "../../engine/hash.ts";
import { appendEvent } from "../../engine/trace.ts";
import { payloadKey } from "../../durable-objects/payload-key.ts";
import { traceEvents } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { eventOfRow } from "../trace/event-row.ts";

/**
 * Registry changes (trust, installs, refusals, disabling) are not part of any execution, so each tenant
 * has one skill registry trace, `sr_<tenantId>`, whose executionId is the same id. Its chain lives in
 * D1 itself: (trace_id, seq) is the primary key, so two writers racing for the next seq cannot both win.
 */
export function registryTraceId(tenantId: string): string {
  return `sr_${tenantId}`;
}

export function isRegistryTrace(traceId: string): boolean {
  return traceId.startsWith("sr_");
}

const ATTEMPTS = 5;

export async function recordRegistryEvent(
  env: Env,
  db: Db,
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
  for (let attempt = 1; ; attempt++) {
    const last = await db.select().from(traceEvents).where(eq(traceEvents.traceId, traceId)).orderBy(desc(traceEvents.seq)).limit(1);
    const prev = last[0];
    const event = appendEvent(prev === undefined ? undefined : eventOfRow(prev), {
      traceId,
      executionId: traceId,
      tenantId,
      type,
      at: at.toISOString(),
      actor,
      capabilitySource: "core",
      payloadDigest,
      payloadRef: ref,
    });
    const inserted = await db
      .insert(traceEvents)
      .values({ ...event, actorType: event.actor.type, actorId: event.actor.id, sessionId: null, stepId: null, payloadRef: ref, capabilitySource: "core" })
      .onConflictDoNothing()
      .returning({ seq: traceEvents.seq });
    if (inserted.length === 1) {
      console.log(JSON.stringify({ level: "info", msg: "trace", ...event }));
      return event;
    }
    if (attempt >= ATTEMPTS) throw new Error(`could not append to ${traceId} after ${ATTEMPTS} attempts`);
  }
}
