import { ChannelBindingGrantView } from "../../contracts/common/channel-binding.ts";
import type { GrantScope } from "../../contracts/common/grant.ts";
import { intentSubmit } from "../../contracts/commands/intent-submit.ts";
import { isNarrowed } from "../../engine/policy/grant-scope.ts";
import { parseStored } from "../stored-json.ts";

/**
 * A binding's stored narrowing as the API shows it. Stored narrowing that no longer parses is not silently
 * dropped (that would widen the grant): it becomes a narrowing that allows no tool.
 */
export function bindingGrantOf(stored: unknown): ChannelBindingGrantView | null {
  return parseStored(ChannelBindingGrantView, stored, { tools: [], channels: null, constraints: null });
}

/**
 * The grant scope every intent through a binding carries: its narrowing of the capability a channel intent
 * is submitted under (the one `controlPlane.intent.submit` checks for API keys). Undefined when not narrowed.
 */
export function bindingScope(stored: unknown): GrantScope | undefined {
  const grant = bindingGrantOf(stored);
  if (grant === null) return undefined;
  const scope: GrantScope = { capability: intentSubmit.capability, ...grant };
  return isNarrowed(scope) ? scope : undefined;
}

