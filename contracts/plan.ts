import { z } from "zod";

/** A reference to an earlier step's output, resolved at run time and type-checked at compile time. */
export const StepOutputRef = z.object({
  $ref: z.string().regex(/^[a-z][a-z0-9_-]*(\.[A-Za-z0-9_]+)*$/, "expected `<stepKey>.<output path>`"),
});
export type StepOutputRef = z.infer<typeof StepOutputRef>;

export const DraftStep = z.object({
  /** Unique within the draft; the step id derives from the plan id and this key. */
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/),
  /** Tool contract key, e.g. `github.issue.close` or `<publisher>/<skill>/<tool>`. */
  tool: z.string().min(1).max(200),
  input: z.record(z.string(), z.unknown()),
  /** Keys of steps that must succeed before this one runs. */
  after: z.array(z.string()).default([]),
});
export type DraftStep = z.infer<typeof DraftStep>;

export const PlanDraft = z.object({
  interpreter: z.object({ name: z.string(), version: z.string() }),
  steps: z.array(DraftStep).min(1).max(500),
});
export type PlanDraft = z.infer<typeof PlanDraft>;
