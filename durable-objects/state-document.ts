import type { CompiledPlan } from "../contracts/plan.ts";

/**
 * The machine state embeds its plan, which never changes after start and is stored on its own ("plan").
 * Writing it again with every transition was most of the bytes of a large plan's state, so the stored
 * state names the plan by digest and reading puts the stored plan back, refusing one that differs.
 */
interface WithPlan {
  plan: CompiledPlan;
}

export function encodeState(state: WithPlan): string {
  return JSON.stringify({ ...state, plan: { digest: state.plan.digest } });
}

export function decodeState<T extends WithPlan>(text: string, plan: CompiledPlan | undefined): T {
  const parsed = JSON.parse(text) as Omit<T, "plan"> & { plan: CompiledPlan | { digest: string } };
  // States written before the plan was split out carry it whole.
  if ("steps" in parsed.plan) return parsed as T;
  if (plan === undefined || plan.digest !== parsed.plan.digest) throw new Error("stored state names a plan that is not the stored plan");
  return { ...parsed, plan } as T;
}
