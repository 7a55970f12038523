import type { PendingApproval } from "../../contracts/common/pending-approval.ts";

export interface Target {
  executionId: string;
  stepId: string;
}

export type TargetsResult = { ok: true; targets: Target[] } | { ok: false; error: string };

/**
 * What to decide: `<executionId>:<stepId>` names one step; a bare `<executionId>` means every step of it
 * that waits; `allPending` means everything in the list. Duplicates are dropped, order kept.
 */
export function resolveTargets(args: readonly string[], allPending: boolean, pending: readonly PendingApproval[]): TargetsResult {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (target: Target) => {
    const id = `${target.executionId}:${target.stepId}`;
    if (seen.has(id)) return;
    seen.add(id);
    targets.push(target);
  };
  if (allPending) for (const item of pending) add({ executionId: item.executionId, stepId: item.stepId });
  for (const arg of args) {
    const [executionId = "", stepId, extra] = arg.split(":");
    if (executionId === "" || extra !== undefined || stepId === "") return { ok: false, error: `${arg}: expected <executionId> or <executionId>:<stepId>` };
    if (stepId !== undefined) {
      add({ executionId, stepId });
      continue;
    }
    const waiting = pending.filter((item) => item.executionId === executionId);
    if (waiting.length === 0) return { ok: false, error: `${executionId} has no step waiting for your approval; name the step as ${executionId}:<stepId>` };
    for (const item of waiting) add({ executionId, stepId: item.stepId });
  }
  return { ok: true, targets };
}

/** Whether resolving needs the pending list (a bare execution id or --all-pending). */
export function needsPendingList(args: readonly string[], allPending: boolean): boolean {
  return allPending || args.some((arg) => !arg.includes(":"));
}
