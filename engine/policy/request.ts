import type { Actor, ChannelKind } from "../../contracts/intent.ts";
import type { DraftSource } from "../../contracts/policy/document.ts";
import type { RiskTier, SideEffectClass } from "../../contracts/tools/define.ts";

/** What policy knows about the tool a step calls; `null` when no such tool is registered. */
export interface PolicyTool {
  key: string;
  version: string;
  risk: RiskTier;
  sideEffect: SideEffectClass;
  tags: readonly string[];
}

/**
 * Everything a decision may depend on. Optional fields are context that may be missing: a rule that
 * needs it cannot be shown to match, and the explanation lists it.
 */
export interface PolicyRequest {
  tenantId: string;
  toolKey: string;
  tool: PolicyTool | null;
  input: Record<string, unknown>;
  actor: { type: Actor["type"]; id: string; roles?: readonly string[] };
  channel?: ChannelKind;
  draftSource?: DraftSource;
  /** ISO instant the decision is for; time windows need it. */
  at?: string;
}
