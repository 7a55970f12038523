import { policyGet } from "../../../contracts/queries/policy-get.ts";
import { activePolicy, policyVersion, viewOf } from "../../policy/store.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

export const policyGetHandler = implement(policyGet, async (input, ctx) => {
  const { tenantId } = requireCaller(ctx);
  const active = await activePolicy(ctx.db, tenantId);
  const stored = input.version === "active" ? active : await policyVersion(ctx.db, tenantId, input.version);
  if (!stored) throw new ProblemError(404, "POLICY_NOT_FOUND", `No policy version ${input.version} in this tenant.`);
  return viewOf(stored, active);
});
