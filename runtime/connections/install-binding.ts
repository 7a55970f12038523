import { and, eq, ne } from "drizzle-orm";
import { channelBindings } from "../../schema/index.ts";
import type { Db } from "../db.ts";

type Provider = (typeof channelBindings.$inferSelect)["provider"];

export type InstallBinding = { ok: true } | { ok: false; code: "BINDING_TAKEN" | "BINDING_CONFLICT" };

/**
 * An install proves the channel: its binding is confirmed for the installing tenant at once (no code needed),
 * unless another tenant holds it confirmed already. Other tenants' pending claims on it are dropped, as a code
 * confirmation drops them. `installationId`: a GitHub installation, which must not hold a repository another
 * binding confirmed.
 */
export async function confirmInstallBinding(db: Db, tenantId: string, provider: Provider, externalId: string, now: Date, installationId?: string): Promise<InstallBinding> {
  const channel = and(eq(channelBindings.provider, provider), eq(channelBindings.externalId, externalId));
  const [taken] = await db
    .select({ tenantId: channelBindings.tenantId })
    .from(channelBindings)
    .where(and(channel, eq(channelBindings.status, "confirmed"), ne(channelBindings.tenantId, tenantId)))
    .limit(1);
  if (taken !== undefined) return { ok: false, code: "BINDING_TAKEN" };
  if (installationId !== undefined) {
    const [inside] = await db
      .select({ externalId: channelBindings.externalId })
      .from(channelBindings)
      .where(and(eq(channelBindings.provider, "github"), eq(channelBindings.status, "confirmed"), eq(channelBindings.installationId, installationId), ne(channelBindings.externalId, externalId)))
      .limit(1);
    if (inside !== undefined) return { ok: false, code: "BINDING_CONFLICT" };
  }
  const at = now.toISOString();
  const confirmed = { status: "confirmed" as const, codeHash: null, codeExpiresAt: null, confirmedAt: at, installationId: installationId ?? null };
  await db
    .insert(channelBindings)
    .values({ provider, externalId, tenantId, createdAt: at, grantScope: null, ...confirmed })
    .onConflictDoUpdate({ target: [channelBindings.provider, channelBindings.externalId, channelBindings.tenantId], set: confirmed });
  await db.delete(channelBindings).where(and(channel, eq(channelBindings.status, "pending"), ne(channelBindings.tenantId, tenantId)));
  return { ok: true };
}

/** Uninstalled or removed: the channel routes nothing for anyone until it is installed again. */
export async function dropInstallBinding(db: Db, provider: Provider, externalId: string, tenantId?: string): Promise<void> {
  await db
    .delete(channelBindings)
    .where(and(eq(channelBindings.provider, provider), eq(channelBindings.externalId, externalId), tenantId === undefined ? undefined : eq(channelBindings.tenantId, tenantId)));
}
