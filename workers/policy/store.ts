import { and, asc, desc, eq } from "drizzle-orm";
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

function fromRow(row: Row): StoredPolicy {
  return {
    pinned: { ref: { version: row.version, hash: row.hash }, document: PolicyDocument.parse(JSON.parse(row.document)) },
    source: "published",
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/** The policy in force for a tenant: its latest activation, or the built-in default. */
export async function activePolicy(db: Db, tenantId: string): Promise<StoredPolicy> {
  const activation = await db.query.policyActivations.findFirst({
    where: eq(policyActivations.tenantId, tenantId),
    orderBy: [desc(policyActivations.activatedAt), desc(policyActivations.id)],
  });
  if (!activation || activation.version === DEFAULT_POLICY.ref.version) return DEFAULT;
  const found = await policyVersion(db, tenantId, activation.version);
  if (!found || found.pinned.ref.hash !== activation.hash) throw new Error(`active policy ${activation.version} of ${tenantId} is missing or altered`);
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
