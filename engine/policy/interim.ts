import type { CompiledStep } from "../../contracts/plan.ts";
import { digestOf } from "../hash.ts";
import type { PolicyContext, PolicyRef, PolicyVerdict } from "./types.ts";

/**
 * The policy in force until governance (approvals) lands: nothing but low risk runs on its own.
 * It is data so that its hash identifies it in every verdict and replay can tell which policy decided.
 */
export const INTERIM_POLICY = {
  name: "control-plane/interim",
  version: "interim-1",
  rules: [
    { tiers: ["low"], verdict: "autonomous" },
    { tiers: ["medium", "high"], verdict: "blocked" },
  ],
} as const;

export const INTERIM_POLICY_HASH: string = digestOf(INTERIM_POLICY);

export const INTERIM_POLICY_REF: PolicyRef = { version: INTERIM_POLICY.version, hash: INTERIM_POLICY_HASH };

export function decide(step: CompiledStep, _ctx: PolicyContext): PolicyVerdict {
  const identity = { policyVersion: INTERIM_POLICY.version, policyHash: INTERIM_POLICY_HASH };
  if (step.risk === "low") {
    return { verdict: "autonomous", tier: "low", reason: `${step.tool.key} is low risk and runs autonomously`, ...identity };
  }
  return {
    verdict: "blocked",
    tier: step.risk,
    reason: `${step.tool.key} is ${step.risk} risk; governance is not yet enabled, so only low-risk steps run`,
    ...identity,
  };
}
