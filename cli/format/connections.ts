import { z } from "zod";
import { table } from "./table.ts";

/** Read leniently: only what the table needs (contract controlPlane.connection.list). */
export const ConnectionLike = z.looseObject({
  provider: z.string(),
  externalId: z.string(),
  status: z.string(),
  details: z.record(z.string(), z.string()).optional(),
  hasCredential: z.boolean().optional(),
  updatedAt: z.string().optional(),
});
export type ConnectionLike = z.infer<typeof ConnectionLike>;

export function connectionsTable(items: readonly ConnectionLike[]): string {
  return table(
    ["PROVIDER", "EXTERNAL ID", "NAME", "STATUS", "UPDATED"],
    items.map((c) => [c.provider, c.externalId, c.details?.name ?? c.details?.account ?? c.details?.number ?? "-", c.status, c.updatedAt ?? "-"]),
    "no connections",
  );
}
