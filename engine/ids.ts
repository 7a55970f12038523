import type { Intent } from "../contracts/intent.ts";
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

/**
 * What a plan's intent digest covers: the whole intent but `submittedBy`. Which of a principal's keys sent a
 * request is evidence about the credential, not part of the request, so a preview made with one key compiles
 * to the same plan when another of the same principal's keys starts it.
 */
export function digestedIntent(intent: Intent): Omit<Intent, "submittedBy"> {
  const { submittedBy: _submitter, ...request } = intent;
  return request;
}
