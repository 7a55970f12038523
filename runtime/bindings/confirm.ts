import { and, eq, gt, inArray, ne, or } from "drizzle-orm";
import { channelBindings } from "../../schema/index.ts";
import type { Db } from "../db.ts";
import { bindingCodeHash } from "./code.ts";

type Provider = (typeof channelBindings.$inferSelect)["provider"];

/** A `/cp bind <code>` read from a signed delivery: the channel it came from, as the delivery proves it. */
export interface BindRequest {
  provider: Provider;
  /** What the delivery names (a team, a repository and its installation, a number), each a possible binding. */
  externalIds: readonly string[];
  /** GitHub: the installation the delivery came through (the repository is inside it). */
  installationId?: number | undefined;
  code: string;
}

export type BindOutcome =
  | { ok: true; tenantId: string; provider: Provider; externalId: string }
  | { ok: false; code: "BINDING_CODE_INVALID" | "BINDING_TAKEN" | "BINDING_CONFLICT" };

/**
 * Confirms the pending binding a code belongs to, if the code is right, unexpired and unused, and the
 * delivery came from that binding's own channel. Whatever else arrives confirms nothing. The first
 * confirmation of a channel wins: other tenants' claims on it are dropped. A repository and an installation
 * holding it are never both confirmed, in one tenant or two.
 */
export async function confirmBinding(db: Db, request: BindRequest, now: Date): Promise<BindOutcome> {
  const hash = bindingCodeHash(request.code);
  if (hash === null || request.externalIds.length === 0) return { ok: false, code: "BINDING_CODE_INVALID" };
  const at = now.toISOString();
  const [claim] = await db
    .select()
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.provider, request.provider),
        inArray(channelBindings.externalId, [...request.externalIds]),
        eq(channelBindings.status, "pending"),
        eq(channelBindings.codeHash, hash),
        gt(channelBindings.codeExpiresAt, at),
      ),
    )
    .limit(1);
  if (claim === undefined) return { ok: false, code: "BINDING_CODE_INVALID" };
  const installation = request.installationId === undefined ? null : String(request.installationId);

  const [taken] = await db
    .select({ tenantId: channelBindings.tenantId })
    .from(channelBindings)
    .where(and(eq(channelBindings.provider, claim.provider), eq(channelBindings.externalId, claim.externalId), eq(channelBindings.status, "confirmed")))
    .limit(1);
  if (taken !== undefined) return { ok: false, code: "BINDING_TAKEN" };
  if (claim.provider === "github" && (await overlaps(db, claim.externalId, request.externalIds, installation))) return { ok: false, code: "BINDING_CONFLICT" };

  // Conditional on the code still being there: two deliveries racing with one code confirm once.
  const confirmed = await db
    .update(channelBindings)
    .set({ status: "confirmed", codeHash: null, codeExpiresAt: null, confirmedAt: at, installationId: installation })
    .where(
      and(
        eq(channelBindings.provider, claim.provider),
        eq(channelBindings.externalId, claim.externalId),
        eq(channelBindings.tenantId, claim.tenantId),
        eq(channelBindings.status, "pending"),
        eq(channelBindings.codeHash, hash),
      ),
    )
    .returning({ tenantId: channelBindings.tenantId });
  if (confirmed.length === 0) return { ok: false, code: "BINDING_CODE_INVALID" };
  await db
    .delete(channelBindings)
    .where(and(eq(channelBindings.provider, claim.provider), eq(channelBindings.externalId, claim.externalId), eq(channelBindings.status, "pending"), ne(channelBindings.tenantId, claim.tenantId)));
  return { ok: true, tenantId: claim.tenantId, provider: claim.provider, externalId: claim.externalId };
}

/**
 * A confirmed GitHub binding that overlaps the one being confirmed: for a repository, its installation's
 * binding; for an installation, a binding of the repository the delivery came from or of any repository
 * confirmed through that installation.
 */
async function overlaps(db: Db, externalId: string, named: readonly string[], installation: string | null): Promise<boolean> {
  const others = named.filter((id) => id !== externalId);
  const isInstallation = externalId.startsWith("installation:");
  const installationOf = isInstallation ? externalId.slice("installation:".length) : installation;
  const [hit] = await db
    .select({ externalId: channelBindings.externalId })
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.provider, "github"),
        eq(channelBindings.status, "confirmed"),
        or(
          others.length === 0 ? undefined : inArray(channelBindings.externalId, others),
          isInstallation && installationOf !== null ? eq(channelBindings.installationId, installationOf) : undefined,
        ),
      ),
    )
    .limit(1);
  return others.length === 0 && !isInstallation ? false : hit !== undefined;
}
