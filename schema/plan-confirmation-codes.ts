import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The short codes of plans waiting for their requester's confirmation (engine/planner/confirmation-code.ts), so a
 * `confirm <code>` typed on GitHub or Twilio finds its execution. Written by the ExecutionDO before the code is
 * shown; tenant-scoped; rows past `expires_at` are deleted by the retention sweep.
 */
export const planConfirmationCodes = sqliteTable(
  "plan_confirmation_codes",
  {
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    executionId: text("execution_id").notNull(),
    planDigest: text("plan_digest").notNull(),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] }), index("plan_confirmation_codes_expiry_idx").on(t.expiresAt)],
);
