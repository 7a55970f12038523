import type { ConnectionProvider } from "../../schema/connections.ts";

/**
 * Whether any tenant of the deployment has an active install of a provider (which turns the single-tenant
 * fallback credential off), remembered per isolate for PRESENCE_TTL_MS: it was a D1 read per step of every
 * execution. Writes made in this isolate (store.ts) forget it at once; another isolate's install reaches this
 * one within the TTL, so a deployment's first install of a provider turns the fallback off everywhere within
 * PRESENCE_TTL_MS instead of at the next step. A tenant's own install (the credential a step uses) is still
 * read per step.
 */
export const PRESENCE_TTL_MS = 5_000;

const known = new Map<ConnectionProvider, { active: boolean; until: number }>();

export async function providerPresent(provider: ConnectionProvider, now: number, read: () => Promise<boolean>): Promise<boolean> {
  const cached = known.get(provider);
  if (cached !== undefined && cached.until > now) return cached.active;
  const active = await read();
  known.set(provider, { active, until: now + PRESENCE_TTL_MS });
  return active;
}

/** After a write to `connections` in this isolate (install, removal, reactivation): the next step reads D1 again. */
export function forgetProviderPresence(provider?: ConnectionProvider): void {
  if (provider === undefined) known.clear();
  else known.delete(provider);
}
