import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { PolicyView } from "../../contracts/common/policy.ts";
import { PolicyDocument } from "../../contracts/policy/document.ts";
import type { PinnedPolicy } from "../../engine/policy/decide.ts";
import { DEFAULT_POLICY } from "../../engine/policy/default.ts";
import { policies, policyActivations } from "../../schema/index.ts";
import type { Db } from "../db.ts";

export interface StoredPolicy {
  pinned: PinnedPolicy;
  source: "published" | "default";
  publishedAt: string | null;
  publishedBy: string | null;
}

const DEFAULT: StoredPolicy = { pinned: DEFAULT_POLICY, source: "default", publishedAt: null, publishedBy: null };

type Row = typeof policies.$inferSelect;

function fromRow(row: Pick<Row, "version" | "hash" | "document" | "publishedAt" | "publishedBy">): StoredPolicy {
  return {
    pinned: { ref: { version: row.version, hash: row.hash }, document: PolicyDocument.parse(JSON.parse(row.document)) },
    source: "published",
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/** The policy in force for a tenant: its latest activation, or the built-in default. */
export async function activePolicy(db: Db, tenantId: string): Promise<StoredPolicy> {
  const [row] = await activePolicyQuery(db, tenantId);
  return activePolicyOf(tenantId, row);
}

/**
 * The tenant's latest activation with the policy it names, in one statement (a batch may carry it).
 * Flat, with no two columns of the same name: D1 batches hand rows back by column name.
 */
export function activePolicyQuery(db: Db, tenantId: string) {
  return db
    .select({
      version: policyActivations.version,
      activationHash: policyActivations.hash,
      policyHash: sql<string | null>`${policies.hash}`.as("policy_hash"),
      document: policies.document,
      publishedAt: policies.publishedAt,
      publishedBy: policies.publishedBy,
    })
    .from(policyActivations)
    .leftJoin(policies, and(eq(policies.tenantId, policyActivations.tenantId), eq(policies.version, policyActivations.version)))
    .where(eq(policyActivations.tenantId, tenantId))
    .orderBy(desc(policyActivations.activatedAt), desc(policyActivations.id))
    .limit(1);
}

type ActiveRow = Awaited<ReturnType<typeof activePolicyQuery>>[number];

export function activePolicyOf(tenantId: string, row: ActiveRow | undefined): StoredPolicy {
  if (!row || row.version === DEFAULT_POLICY.ref.version) return DEFAULT;
  const found =
    row.document === null || row.policyHash === null
      ? undefined
      : fromRow({ version: row.version, hash: row.policyHash, document: row.document, publishedAt: row.publishedAt ?? "", publishedBy: row.publishedBy ?? "" });
  if (!found || found.pinned.ref.hash !== row.activationHash) throw new Error(`active policy ${row.version} of ${tenantId} is missing or altered`);
  return found;
}

export async function policyVersion(db: Db, tenantId: string, version: string): Promise<StoredPolicy | undefined> {
  if (version === DEFAULT_POLICY.ref.version) return DEFAULT;
  const row = await db.query.policies.findFirst({ where: and(eq(policies.tenantId, tenantId), eq(policies.version, version)) });
  return row ? fromRow(row) : undefined;
}

export async function publishedPolicies(db: Db, tenantId: string): Promise<StoredPolicy[]> {
  const rows = await db.select().from(policies).where(eq(policies.tenantId, tenantId)).orderBy(asc(policies.publishedAt));
  return [DEFAULT, ...rows.map(fromRow).sort((a, b) => Number(a.pinned.ref.version) - Number(b.pinned.ref.version))];
}

export function viewOf(stored: StoredPolicy, active: StoredPolicy): PolicyView {
  return {
    version: stored.pinned.ref.version,
    hash: stored.pinned.ref.hash,
    name: stored.pinned.document.name,
    source: stored.source,
    active: stored.pinned.ref.version === active.pinned.ref.version,
    publishedAt: stored.publishedAt,
    publishedBy: stored.publishedBy,
    document: stored.pinned.document,
  };
}
