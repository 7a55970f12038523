import type { ReplyTarget } from "../../../contracts/intent.ts";
import type { CompiledPlan, CompiledStep } from "../../../contracts/plan.ts";
import { toolRegistry } from "../../../contracts/tools/index.ts";
import { mintStepContext, type MintStepContextArgs, type StepContext, type StepVerdict } from "../../../runtime/tools/step-context.ts";

const hex = (seed: number, length: number) => seed.toString(16).padStart(length, "0");

export interface StepSpec {
  tool: string;
  input?: Record<string, unknown>;
  version?: string;
}

/** A compiled plan with one step per spec; ids are fixed fakes, enough for the tool runtime. */
export function planWith(...specs: StepSpec[]): CompiledPlan {
  const steps: CompiledStep[] = specs.map((spec, i) => {
    const contract = toolRegistry.latest(spec.tool);
    return {
      stepId: `st_${hex(i + 1, 24)}`,
      key: `step${i + 1}`,
      tool: { key: spec.tool, version: spec.version ?? contract?.version ?? "1.0.0" },
      input: spec.input ?? {},
      dependsOn: [],
      risk: contract?.risk ?? "low",
      sideEffect: contract?.sideEffect ?? "none",
      idempotencyKey: `idk_${hex(i + 1, 32)}`,
    };
  });
  return {
    planId: `pl_${hex(0xabc, 24)}`,
    intentDigest: "1".repeat(64),
    registryVersion: toolRegistry.version,
    interpreter: { name: "test", version: "1" },
    steps,
    digest: "2".repeat(64),
  };
}

export const policy = { policyVersion: "test-1", policyHash: "3".repeat(64) } as const;

export const autonomous = (tier: StepVerdict["tier"] = "low"): StepVerdict => ({ verdict: "autonomous", tier, ...policy });
export const needsApproval = (tier: StepVerdict["tier"] = "high"): StepVerdict => ({ verdict: "approval_required", tier, ...policy });

export const slackThread: ReplyTarget = { kind: "slack", teamId: "T1", channelId: "C0123", threadTs: "1700000000.000100" };

/** Arguments that mint: the plan's first step, cleared the way its risk needs. */
export function mintArgs(plan: CompiledPlan, overrides: Partial<MintStepContextArgs> = {}): MintStepContextArgs {
  const step = plan.steps[0];
  if (step === undefined) throw new Error("empty plan");
  const high = step.risk === "high";
  return {
    executionId: "ex_1",
    tenantId: "tenant-a",
    plan,
    stepId: step.stepId,
    attempt: 1,
    resolvedInput: step.input,
    verdict: high ? needsApproval(step.risk) : autonomous(step.risk),
    planVerified: true,
    ...(high ? { approvals: { quorum: 1, approvers: ["approver-1"] } } : {}),
    replyTo: slackThread,
    ...overrides,
  };
}

/** A genuine context for one step running `tool` with `input`. */
export function contextFor(tool: string, input: Record<string, unknown>, overrides: Partial<MintStepContextArgs> = {}): StepContext {
  return mintStepContext(mintArgs(planWith({ tool, input }), overrides));
}
