import type { PolicyRef } from "../policy/types.ts";
import type { RecordedInput } from "./types.ts";

/** The policy the execution was started under: the one replay must rebuild its decider from. */
export function pinnedPolicyOf(inputs: readonly RecordedInput[]): PolicyRef | null {
  const start = inputs.find((r) => r.input.kind === "start");
  return start?.input.kind === "start" ? start.input.policy : null;
}
