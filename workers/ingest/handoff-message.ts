import { z } from "zod";

/** What travels on the INGEST queue: only ids; the intent itself is read back from D1, its durable record. */
export const HandoffMessage = z.object({
  intentId: z.string(),
  executionId: z.string(),
  tenantId: z.string(),
});
export type HandoffMessage = z.infer<typeof HandoffMessage>;
