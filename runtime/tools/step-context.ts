import type { ReplyTarget } from "../../contracts/intent.ts";
import type { CompiledPlan, CompiledStep } from "../../contracts/plan.ts";
import type { RiskTier, Verdict } from "../../contracts/policy/decision.ts";

/** The policy answer a step was cleared with, as the executor recorded it. */
export interface StepVerdict {
  verdict: Verdict;
  tier: RiskTier;
  policyVersion: string;
  policyHash: string;
}

/** Approvals collected for an `approval_required` step: distinct approving principals against the quorum. */
export interface GrantedApprovals {
  quorum: number;
  approvers: readonly string[];
}

export interface MintStepContextArgs {
  executionId: string;
  tenantId: string;
  plan: CompiledPlan;
  stepId: string;
  /** 1 for the first try. */
  attempt: number;
  /** The step's input with every `{ $ref }` replaced by the referenced output. */
  resolvedInput: Record<string, unknown>;
  verdict: StepVerdict;
  /** Only a successful `engine/verify` result may be passed here. */
  planVerified: true;
  approvals?: GrantedApprovals;
  replyTo: ReplyTarget;
}

export type StepContextRefusal =
  | "PLAN_NOT_VERIFIED"
  | "STEP_NOT_IN_PLAN"
  | "INVALID_ATTEMPT"
  | "INVALID_INPUT"
  | "VERDICT_BLOCKED"
  | "HIGH_RISK_AUTONOMOUS"
  | "APPROVALS_MISSING";

export class StepContextError extends Error {
  override readonly name = "StepContextError";
  readonly code: StepContextRefusal;

  constructor(code: StepContextRefusal, message: string) {
    super(message);
    this.code = code;
  }
}

// Exists only in the type system: an object literal cannot satisfy StepContext without a cast.
declare const minted: unique symbol;

/** The only thing a tool can be invoked with. Frozen all the way down; genuine only if minted here. */
export interface StepContext {
  readonly [minted]: true;
  readonly executionId: string;
  readonly tenantId: string;
  readonly planId: string;
  readonly planDigest: string;
  readonly step: Readonly<CompiledStep>;
  readonly attempt: number;
  readonly input: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly replyTo: ReplyTarget;
  readonly verdict: Readonly<StepVerdict>;
  readonly approvals: Readonly<GrantedApprovals> | null;
}

const genuine = new WeakSet<object>();

/** True only for the very objects `mintStepContext` returned: copies and lookalikes are not in the set. */
export function isMintedStepContext(value: unknown): value is StepContext {
  return typeof value === "object" && value !== null && genuine.has(value);
}

const tierRank: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, blocked: 3 };

/**
 * Mints the context for one attempt of a compiled, verified, policy-cleared step. Throws
 * `StepContextError` for anything else. Only the executor (durable-objects/) may call it; a test enforces that.
 */
export function mintStepContext(args: MintStepContextArgs): StepContext {
  if (args.planVerified !== true) refuse("PLAN_NOT_VERIFIED", "the plan has not passed verification");
  const step = args.plan.steps.find((s) => s.stepId === args.stepId);
  if (step === undefined) refuse("STEP_NOT_IN_PLAN", `step ${args.stepId} is not in plan ${args.plan.planId}`);
  if (!Number.isSafeInteger(args.attempt) || args.attempt < 1) {
    refuse("INVALID_ATTEMPT", `attempt must be a positive integer, got ${String(args.attempt)}`);
  }
  checkVerdict(args.verdict, step, args.approvals);

  const context = {
    executionId: args.executionId,
    tenantId: args.tenantId,
    planId: args.plan.planId,
    planDigest: args.plan.digest,
    step: frozenCopy(step),
    attempt: args.attempt,
    input: frozenInput(args.resolvedInput),
    idempotencyKey: step.idempotencyKey,
    replyTo: frozenCopy(args.replyTo),
    verdict: frozenCopy(args.verdict),
    approvals: args.approvals === undefined ? null : frozenCopy(args.approvals),
  };
  Object.freeze(context);
  genuine.add(context);
  return context as StepContext;
}

function checkVerdict(verdict: StepVerdict, step: CompiledStep, approvals: GrantedApprovals | undefined): void {
  // Policy may raise a tool's default tier, never lower it below what the contract declares.
  const rank = Math.max(tierRank[verdict.tier] ?? tierRank.blocked, tierRank[step.risk]);
  if (rank >= tierRank.blocked) refuse("VERDICT_BLOCKED", `step ${step.stepId} is in the blocked tier`);
  switch (verdict.verdict) {
    case "autonomous":
      if (rank >= tierRank.high) refuse("HIGH_RISK_AUTONOMOUS", `high-risk step ${step.stepId} cannot run autonomously`);
      return;
    case "approval_required":
      if (!quorumReached(approvals)) refuse("APPROVALS_MISSING", `step ${step.stepId} lacks the approvals it requires`);
      return;
    default:
      refuse("VERDICT_BLOCKED", `policy did not clear step ${step.stepId} (verdict ${String(verdict.verdict)})`);
  }
}

function quorumReached(approvals: GrantedApprovals | undefined): boolean {
  if (approvals === undefined || !Number.isSafeInteger(approvals.quorum) || approvals.quorum < 1) return false;
  return new Set(approvals.approvers).size >= approvals.quorum;
}

function frozenInput(input: Record<string, unknown>): Readonly<Record<string, unknown>> {
  try {
    return frozenCopy(input);
  } catch (error) {
    refuse("INVALID_INPUT", `the resolved input is not plain data: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// A copy, so that nothing the caller still holds can change what the tool receives after minting.
function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function refuse(code: StepContextRefusal, message: string): never {
  throw new StepContextError(code, message);
}
