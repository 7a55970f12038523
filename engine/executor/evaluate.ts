import type { CompiledStep } from "../../contracts/plan.ts";
import { digestOf } from "../hash.ts";
import { PolicyVerdict } from "../policy/types.ts";
import { failStep } from "./end.ts";
import { ancestorsOf } from "./graph.ts";
import { resolveRefs } from "./refs.ts";
import type { StepState } from "./state.ts";
import { type Work, emit, plannedOf, stepOf, update } from "./work.ts";

/**
 * A pending step whose dependencies all succeeded: resolve its input, then ask policy. The verdict is
 * recorded here, before the step can be started, approved or refused.
 */
export function evaluate(work: Work, step: StepState): void {
  const planned = plannedOf(work, step.stepId);
  const tool = planned.tool;
  const outputs = new Map<string, unknown>();
  for (const id of ancestorsOf(work.graph, step.stepId)) {
    const ancestor = stepOf(work, id);
    const last = ancestor.lastOutcome;
    if (ancestor.state === "succeeded" && last?.outcome.ok === true) outputs.set(ancestor.key, last.outcome.output);
  }
  const resolved = resolveRefs(planned.input, outputs);
  if (!resolved.ok) {
    failStep(work, step, { code: "REF_UNRESOLVED", message: resolved.message }, "controlPlane.execution.step.failed", {
      tool,
      attempt: 0,
      error: null,
    });
    return;
  }
  const input = resolved.input;
  update(work, step, { input });

  const decided = askPolicy(work, planned, input);
  if (!decided.ok) {
    failStep(work, step, { code: "POLICY_ERROR", message: decided.message }, "controlPlane.execution.step.blocked", {
      tool,
      verdict: null,
    });
    return;
  }
  const verdict = decided.verdict;
  update(work, step, { verdict });
  switch (verdict.verdict) {
    case "blocked":
      failStep(work, step, { code: "POLICY_BLOCKED", message: verdict.reason }, "controlPlane.execution.step.blocked", {
        tool,
        verdict,
      });
      return;
    case "approval_required": {
      update(work, step, { state: "waiting_approval" });
      const actionDigest = digestOf({ planId: work.state.plan.planId, stepId: step.stepId, tool, input });
      emit(work, "controlPlane.execution.step.approval_requested", step.stepId, {
        key: step.key,
        tool,
        verdict,
        inputDigest: digestOf(input),
        actionDigest,
      });
      work.effects.push({ kind: "request_approval", stepId: step.stepId, key: step.key, tool, input, actionDigest, verdict });
      return;
    }
    case "autonomous":
      update(work, step, { state: "ready" });
      return;
  }
}

type Asked = { ok: true; verdict: PolicyVerdict } | { ok: false; message: string };

/**
 * A decider that throws, answers garbage or answers for another policy than the one the execution was
 * started under blocks the step instead of wedging the execution.
 */
function askPolicy(work: Work, planned: CompiledStep, input: Record<string, unknown>): Asked {
  let answer: unknown;
  try {
    answer = work.decide(planned, { planId: work.state.plan.planId, requester: work.state.requester, input });
  } catch (error) {
    return { ok: false, message: `policy failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = PolicyVerdict.safeParse(answer);
  if (!parsed.success) return { ok: false, message: `policy answered an invalid verdict: ${parsed.error.message}` };
  const pinned = work.state.policy;
  const verdict = parsed.data;
  if (verdict.policyVersion !== pinned.version || verdict.policyHash !== pinned.hash) {
    return {
      ok: false,
      message: `the verdict came from policy ${verdict.policyVersion} (${verdict.policyHash.slice(0, 12)}), not the pinned ${pinned.version} (${pinned.hash.slice(0, 12)})`,
    };
  }
  return { ok: true, verdict };
}
