import type { Actor } from "../../../contracts/intent.ts";
import type { CompiledPlan, CompiledStep } from "../../../contracts/plan.ts";
import type { RiskTier, SideEffectClass } from "../../../contracts/tools/define.ts";
import type { ExecutionConfig } from "../../../engine/executor/config.ts";
import type { Effect, InvokeEffect } from "../../../engine/executor/effects.ts";
import type { MachineInput, StartInput } from "../../../engine/executor/input.ts";
import { type MachineConfig, type TransitionResult, transition } from "../../../engine/executor/machine.ts";
import type { ExecutionState, StepState } from "../../../engine/executor/state.ts";
import { sha256Hex } from "../../../engine/hash.ts";
import { idempotencyKeyOf, planDigestOf, planIdOf, stepIdOf } from "../../../engine/ids.ts";
import { INTERIM_POLICY_REF, decide as interim } from "../../../engine/policy/interim.ts";
import type { PolicyDecider, PolicyRef, PolicyVerdict } from "../../../engine/policy/types.ts";

export interface StepSpec {
  key: string;
  risk?: RiskTier;
  after?: string[];
  input?: Record<string, unknown>;
  tool?: string;
  sideEffect?: SideEffectClass;
}

/** A valid CompiledPlan built directly (no registry needed), with the compiler's ids and digest. */
export function buildPlan(specs: readonly StepSpec[], salt = "plan"): CompiledPlan {
  const intentDigest = sha256Hex(`intent:${salt}`);
  const registryVersion = sha256Hex("registry:test");
  const interpreter = { name: "test", version: "1" };
  const planId = planIdOf({ intentDigest, registryVersion, interpreter });
  const idOf = (key: string) => stepIdOf(planId, key);
  const steps: CompiledStep[] = specs.map((s) => ({
    stepId: idOf(s.key),
    key: s.key,
    tool: { key: s.tool ?? "test.echo", version: "1.0.0" },
    input: s.input ?? { text: s.key },
    dependsOn: (s.after ?? []).map(idOf),
    risk: s.risk ?? "low",
    sideEffect: s.sideEffect ?? "none",
    idempotencyKey: idempotencyKeyOf(idOf(s.key)),
  }));
  const unsigned = { planId, intentDigest, registryVersion, interpreter, steps };
  return { ...unsigned, digest: planDigestOf(unsigned) };
}

export const T0 = "2026-01-01T00:00:00.000Z";
export const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

export const requester: Actor = { type: "human", id: "alice" };
export const approver: Actor = { type: "human", id: "bob" };

export const config: ExecutionConfig = {
  retry: { baseDelayMs: 1_000, factor: 2, maxAttempts: 3, maxDelayMs: 10_000 },
  maxInFlight: 16,
};

export const TEST_POLICY_HASH = sha256Hex("test-policy");
export const TEST_POLICY_REF: PolicyRef = { version: "test-1", hash: TEST_POLICY_HASH };

/** Governance-style: low runs, medium and high wait for one approver who is not the requester. */
export const governed: PolicyDecider = (step): PolicyVerdict => {
  const identity = { tier: step.risk, policyVersion: TEST_POLICY_REF.version, policyHash: TEST_POLICY_REF.hash };
  return step.risk === "low"
    ? { verdict: "autonomous", reason: "low risk", ...identity }
    : { verdict: "approval_required", reason: `${step.risk} risk`, approval: { quorum: 1, excludeRequester: true }, ...identity };
};

/** A decider and the policy it answers for, which the start input pins. */
export interface TestPolicy extends MachineConfig {
  ref: PolicyRef;
}

export const machine: TestPolicy = { decide: interim, ref: INTERIM_POLICY_REF };
export const governedMachine: TestPolicy = { decide: governed, ref: TEST_POLICY_REF };

export function startInput(plan: CompiledPlan, policy: TestPolicy = machine, overrides: Partial<StartInput> = {}): StartInput {
  return { kind: "start", plan, requester, config, policy: policy.ref, ...overrides };
}

export function start(plan: CompiledPlan, policy: TestPolicy = machine, now = T0): TransitionResult {
  const result = transition(null, startInput(plan, policy), now, policy);
  if (result.state === null) throw new Error(`start refused: ${result.ignored?.message ?? "?"}`);
  return { ...result, state: result.state };
}

export function feed(state: ExecutionState, input: MachineInput, now: string, cfg: MachineConfig = machine): TransitionResult {
  return transition(state, input, now, cfg);
}

export const ok = (stepId: string, attempt: number, output: unknown = { ok: true }): MachineInput => ({
  kind: "tool_outcome",
  stepId,
  attempt,
  outcome: { ok: true, output },
});

export const fail = (stepId: string, attempt: number, retryable: boolean, retryAfterMs?: number): MachineInput => ({
  kind: "tool_outcome",
  stepId,
  attempt,
  outcome:
    retryAfterMs === undefined
      ? { ok: false, retryable, code: retryable ? "UNAVAILABLE" : "BAD_REQUEST", message: "provider said no" }
      : { ok: false, retryable, code: "RATE_LIMITED", message: "slow down", retryAfterMs },
});

export function invokes(effects: readonly Effect[]): InvokeEffect[] {
  return effects.filter((e): e is InvokeEffect => e.kind === "invoke");
}

export function stepByKey(state: ExecutionState, key: string): StepState {
  const step = state.steps.find((s) => s.key === key);
  if (step === undefined) throw new Error(`no step ${key}`);
  return step;
}

export function idOf(plan: CompiledPlan, key: string): string {
  const step = plan.steps.find((s) => s.key === key);
  if (step === undefined) throw new Error(`no step ${key}`);
  return step.stepId;
}
