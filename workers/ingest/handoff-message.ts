import { z } from "zod";

/**
 * What travels on the INGEST queue: the ids, and from the first send the intent and its grant narrowing as
 * recorded, so the consumer starts the execution without reading D1 back. Re-sends (the sweep) carry only
 * the ids; the consumer then reads the intent from D1, its durable record. The queue is internal: the
 * carried intent is parsed again all the same, and one that does not parse is read back from D1.
 */
export const HandoffMessage = z.object({
  intentId: z.string(),
  executionId: z.string(),
  tenantId: z.string(),
  intent: z.unknown().optional(),
  grantScope: z.unknown().optional(),
});
export type HandoffMessage = z.infer<typeof HandoffMessage>;
