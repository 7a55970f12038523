import { policyList } from "../../../contracts/queries/policy-list.ts";
import { activePolicy, publishedPolicies, viewOf } from "../../policy/store.ts";
import { implement, requireCaller } from "../handler.ts";

export const policyListHandler = implement(policyList, async (_input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const active = await activePolicy(ctx.db, tenantId);
  const all = await publishedPolicies(ctx.db, tenantId);
  return { items: all.map((p) => { const { document: _d, ...rest } = viewOf(p, active); return rest; }) };
});
