import { z } from "zod";
import { table } from "./table.ts";

/** Read leniently: no contract declares channel bindings yet, so only the fields the table needs are required. */
export const BindingLike = z.looseObject({
  provider: z.string(),
  externalId: z.string(),
  tenantId: z.string().optional(),
  status: z.string().optional(),
  createdAt: z.string().optional(),
  confirmation: z.looseObject({ code: z.string(), command: z.string(), how: z.string(), expiresAt: z.string() }).nullable().optional(),
});
export type BindingLike = z.infer<typeof BindingLike>;

export function bindingsTable(items: readonly BindingLike[]): string {
  return table(
    ["PROVIDER", "EXTERNAL ID", "TENANT", "STATUS", "CREATED"],
    items.map((b) => [b.provider, b.externalId, b.tenantId ?? "-", b.status ?? "-", b.createdAt ?? "-"]),
    "no channel bindings",
  );
}
