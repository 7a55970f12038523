import { z } from "zod";

/** Risk a tool carries before any policy looks at the arguments. Policy may raise it, never lower it silently. */
export const RiskTier = z.enum(["low", "medium", "high"]);
export type RiskTier = z.infer<typeof RiskTier>;

/**
 * What a call does to the world, so shared code (policy, executor, replay) never special-cases a tool.
 * - `none`: computes only.
 * - `read`: reads outside state, changes nothing.
 * - `write`: changes state that can be put back (a label, an issue's open/closed state).
 * - `external_message`: says something to people; cannot be unsaid.
 * - `destructive`: may change or remove anything the target allows; assume the worst.
 */
export const SideEffectClass = z.enum(["none", "read", "write", "external_message", "destructive"]);
export type SideEffectClass = z.infer<typeof SideEffectClass>;

/**
 * How a retry avoids doing the effect twice.
 * - `header`: the provider accepts the step's idempotency key (a header or request field).
 * - `natural`: repeating the call leaves the same state (set labels, close an issue).
 * - `none`: a retry after an unknown outcome may repeat the effect; the executor must not retry blindly.
 */
export const IdempotencySupport = z.enum(["header", "natural", "none"]);
export type IdempotencySupport = z.infer<typeof IdempotencySupport>;

/**
 * A tool the executor can call. The input is channel-agnostic: it says what to do, never which
 * channel asked; anything that depends on the asking channel (the reply target) comes from the intent.
 */
export interface ToolContract<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  kind: "tool";
  /** e.g. `github.issue.close`; skill tools are `<publisher>/<skill>/<tool>`. */
  key: string;
  /** semver */
  version: string;
  description: string;
  input: I;
  /** What the provider answered, normalised; later steps may reference its fields. */
  output: O;
  risk: RiskTier;
  sideEffect: SideEffectClass;
  idempotency: IdempotencySupport;
  tags: string[];
}

export function defineTool<I extends z.ZodObject, O extends z.ZodType>(tool: ToolContract<I, O>): ToolContract<I, O> {
  return tool;
}
