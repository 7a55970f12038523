import type { CompiledPlan, InterpreterId } from "../contracts/plan.ts";
import { digestOf, sha256Hex } from "./hash.ts";

/** Short ids keep 96 bits of the digest: collisions need ~2^48 plans, far beyond one tenant's life. */
const ID_HEX = 24;

export function planIdOf(parts: { intentDigest: string; registryVersion: string; interpreter: InterpreterId }): string {
  return `pl_${digestOf(parts).slice(0, ID_HEX)}`;
}

export function stepIdOf(planId: string, key: string): string {
  return `st_${digestOf({ planId, key }).slice(0, ID_HEX)}`;
}

/** Stable across retries of a step. Hashed again because providers see it and our ids should stay ours. */
export function idempotencyKeyOf(stepId: string): string {
  return `idk_${sha256Hex(`control-plane/idempotency/${stepId}`).slice(0, 32)}`;
}

export function planDigestOf(plan: Omit<CompiledPlan, "digest">): string {
  const { planId, intentDigest, registryVersion, interpreter, steps } = plan;
  return digestOf({ planId, intentDigest, registryVersion, interpreter, steps });
}
