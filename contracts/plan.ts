import { z } from "zod";
import { RiskTier, SideEffectClass } from "./tools/define.ts";

/**
 * A reference to an earlier step's output, resolved at run time and type-checked at compile time.
 * Any object in a step's input whose only property is a string `$ref` is read as a reference.
 */
export const StepOutputRef = z.object({
  $ref: z.string().regex(/^[a-z][a-z0-9_-]*(\.[A-Za-z0-9_]+)*$/, "expected `<stepKey>.<output path>`"),
});
export type StepOutputRef = z.infer<typeof StepOutputRef>;

export const DraftStep = z.object({
  /** Unique within the draft; the step id derives from the plan id and this key. */
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/),
  /** Tool contract key, e.g. `github.issue.close` or `<publisher>/<skill>/<tool>`; `key@version` pins a version. */
  tool: z.string().min(1).max(200),
  input: z.record(z.string(), z.unknown()),
  /** Keys of steps that must succeed before this one runs. */
  after: z.array(z.string()).default([]),
});
export type DraftStep = z.infer<typeof DraftStep>;

export const InterpreterId = z.object({ name: z.string().min(1), version: z.string().min(1) });
export type InterpreterId = z.infer<typeof InterpreterId>;

export const PlanDraft = z.object({
  interpreter: InterpreterId,
  steps: z.array(DraftStep).min(1).max(500),
});
export type PlanDraft = z.infer<typeof PlanDraft>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const PlanId = z.string().regex(/^pl_[0-9a-f]{24}$/);
export const StepId = z.string().regex(/^st_[0-9a-f]{24}$/);

export const CompiledStep = z.object({
  /** `st_` + 24 hex of digest({ planId, key }). */
  stepId: StepId,
  key: DraftStep.shape.key,
  tool: z.object({ key: z.string().min(1), version: z.string().min(1) }),
  /** The draft's input as written; `{ $ref }` values are resolved when the step runs. */
  input: z.record(z.string(), z.unknown()),
  dependsOn: z.array(StepId),
  /** The tool's default tier; policy decides from here. */
  risk: RiskTier,
  sideEffect: SideEffectClass,
  /** Stable across retries of the step, sent to providers that honour one. */
  idempotencyKey: z.string().regex(/^idk_[0-9a-f]{32}$/),
});
export type CompiledStep = z.infer<typeof CompiledStep>;

/** A verified-by-construction step DAG. Every field is covered by `digest`. */
export const CompiledPlan = z.object({
  /** `pl_` + 24 hex of digest({ intentDigest, registryVersion, interpreter }). */
  planId: PlanId,
  /** digestOf(intent): every field of the intent as received, `receivedAt` and `source` included. */
  intentDigest: Hex64,
  registryVersion: Hex64,
  interpreter: InterpreterId,
  steps: z.array(CompiledStep).min(1).max(500),
  /** digestOf(the plan without `digest`). */
  digest: Hex64,
});
export type CompiledPlan = z.infer<typeof CompiledPlan>;
