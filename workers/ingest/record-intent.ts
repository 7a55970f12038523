import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent } from "../../contracts/intent.ts";
import { digestOf } from "../../engine/hash.ts";
import { executions, intents } from "../../schema/index.ts";
import { rowInserter } from "../raw-insert.ts";
import { newId, traceIdOf } from "./ids.ts";

export interface IntentRecord {
  intentId: string;
  executionId: string;
  traceId: string;
  tenantId: string;
}

/**
 * The D1 statements that make an intent durable together with its execution's index row.
 * Callers run them in one batch (with their own dedupe row, for webhooks) before acknowledging anyone.
 */
export interface IntentSource {
  provider: string;
  deliveryId: string;
  /** Unique per provider: a second intent with the same item id is refused by the index. */
  itemId: string;
}

const insertIntent = rowInserter(intents);
const insertExecution = rowInserter(executions);

/** Ids assigned before the record reaches D1 (a recorder's outbox keeps them, so a second flush writes the same rows). */
export interface AssignedIds {
  intentId: string;
  executionId: string;
}

export function newIntentIds(): AssignedIds {
  return { intentId: newId("in"), executionId: newId("ex") };
}

export function prepareIntentRecord(d1: D1Database, intent: Intent, source: IntentSource, now: Date, grantScope: GrantScope | null = null, ids: AssignedIds = newIntentIds()) {
  const { intentId, executionId } = ids;
  const record: IntentRecord = { intentId, executionId, traceId: traceIdOf(executionId), tenantId: intent.tenantId };
  const at = now.toISOString();
  const statements = [
    insertIntent(d1, {
      id: intentId,
      tenantId: intent.tenantId,
      channel: intent.channel,
      actorType: intent.actor.type,
      actorId: intent.actor.id,
      digest: digestOf(intent),
      body: JSON.stringify(intent),
      status: "received",
      executionId,
      sourceProvider: source.provider,
      sourceDeliveryId: source.deliveryId,
      sourceItemId: source.itemId,
      receivedAt: intent.receivedAt,
      grantScope,
      handoffAttempts: 0,
      handoffError: null,
    }),
    insertExecution(d1, {
      id: executionId,
      tenantId: intent.tenantId,
      intentId,
      planId: null,
      planDigest: null,
      status: "queued",
      traceId: record.traceId,
      createdAt: at,
      updatedAt: at,
      completedAt: null,
      headSeq: null,
      headHash: null,
      payloadsPrunedAt: null,
      archiveKey: null,
      archiveHeadSeq: null,
      archiveHeadHash: null,
      archivedAt: null,
      storagePurgedAt: null,
    }),
  ];
  return { record, statements };
}
