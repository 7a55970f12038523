import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Intent } from "../../contracts/intent.ts";
import type { webhookDeliveries } from "../../schema/index.ts";
import type { AssignedIds } from "./ids.ts";

/** What a delivery is to the record: shared by the edge (API intake) and the DeliveryRecorderDO (webhooks). */
export interface DeliveryRecord {
  provider: (typeof webhookDeliveries.$inferInsert)["provider"];
  deliveryId: string;
  payloadHash: string;
  tenantId: string | null;
  status: "accepted" | "ignored" | "unbound";
}

export interface IntentItem {
  itemId: string;
  intent: Intent;
  /** The narrowing of the grant that authorized the intent (API key or channel binding); recorded with it and pinned by its execution. */
  grantScope?: GrantScope | null;
  /** Set when the ids were assigned before the D1 write (a DeliveryRecorderDO's outbox); minted there otherwise. */
  ids?: AssignedIds;
}

/** One delivery to record: its dedupe row and the intents it carries. */
export interface DeliveryEntry {
  delivery: DeliveryRecord;
  items: IntentItem[];
  /** ISO time the delivery arrived. */
  receivedAt: string;
}

export interface IntentRecord {
  intentId: string;
  executionId: string;
  traceId: string;
  tenantId: string;
}

/** An intent this delivery recorded, with the item it came from. */
export type RecordedIntent = IntentRecord & { itemId: string };

export type Recorded = { status: "new"; records: RecordedIntent[] } | { status: "duplicate" } | { status: "conflict" };
