import { and, eq } from "drizzle-orm";
import { policyPublish } from "../../../contracts/commands/policy-publish.ts";
import { checkPublish } from "../../../engine/policy/publish-check.ts";
import { policies } from "../../../schema/index.ts";
import { activePolicy, policyVersion, publishedPolicies, viewOf } from "../../policy/store.ts";
import { tenantToolRegistry } from "../../skills/tenant-tool-registry.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const policyPublishHandler = implement(policyPublish, async (input, ctx) => {
  const caller = requireCaller(ctx);
  // The tenant's registry: its installed skill tools are judged by the risk their manifests declare.
  const checked = checkPublish(input.document, (await tenantToolRegistry(ctx.db, caller.tenantId)).list());
  if (!checked.ok) {
    const status = checked.code === "POLICY_INVALID" ? 400 : 422;
    throw new ProblemError(status, checked.code, checked.message, checked.problems.map((p) => ({ path: `document.${p.path}`, message: p.message })));
  }
  const existing = await ctx.db.query.policies.findFirst({ where: and(eq(policies.tenantId, caller.tenantId), eq(policies.hash, checked.hash)) });
  if (existing) {
    const stored = await policyVersion(ctx.db, caller.tenantId, existing.version);
    if (!stored) throw new Error("published policy vanished");
    return { ...viewOf(stored, await activePolicy(ctx.db, caller.tenantId)), created: false };
  }
  const published = await publishedPolicies(ctx.db, caller.tenantId);
  const version = String(published.filter((p) => p.source === "published").length + 1);
  // The primary key (tenant, version) makes a concurrent publish of another document fail instead of sharing a version.
  await ctx.db.insert(policies).values({
    tenantId: caller.tenantId,
    version,
    hash: checked.hash,
    name: checked.document.name,
    document: JSON.stringify(checked.document),
    publishedAt: ctx.now.toISOString(),
    publishedBy: caller.principalId,
  });
  const stored = await policyVersion(ctx.db, caller.tenantId, version);
  if (!stored) throw new Error("published policy vanished");
  return { ...viewOf(stored, await activePolicy(ctx.db, caller.tenantId)), created: true };
});
