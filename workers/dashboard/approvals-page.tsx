import type { PendingApproval } from "../../contracts/common/pending-approval.ts";
import type { RiskTier } from "../../contracts/policy/decision.ts";
import { CsrfField, Layout } from "./layout.tsx";

export interface QueueItem {
  gate: PendingApproval;
  /** The step's tier as policy decided it; undefined when the execution could not be read. */
  tier: RiskTier | undefined;
}

const tierRank: Record<RiskTier, number> = { blocked: 3, high: 2, medium: 1, low: 0 };

/**
 * Highest risk first; within a tier, the oldest request first. Age is read from the deadline: a gate's
 * deadline is its start plus the policy's timeout, so an earlier deadline is the longer wait under one policy.
 */
export function orderQueue(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => {
    const risk = (b.tier === undefined ? -1 : tierRank[b.tier]) - (a.tier === undefined ? -1 : tierRank[a.tier]);
    if (risk !== 0) return risk;
    return a.gate.deadline.localeCompare(b.gate.deadline);
  });
}

export function ApprovalsPage({ items, csrf, notice }: { items: QueueItem[]; csrf: string; notice?: string }) {
  return (
    <Layout title="Approval queue" csrf={csrf}>
      {notice === undefined ? null : <p class="notice">{notice}</p>}
      {items.length === 0 ? (
        <p>Nothing is waiting for approval.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Risk</th>
              <th>Step</th>
              <th>Requester</th>
              <th>Why</th>
              <th>Approvals</th>
              <th>Deadline</th>
              <th>Decide</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ gate, tier }) => (
              <tr data-step={gate.stepId}>
                <td class={`tier-${tier ?? "unknown"}`}>{tier ?? "?"}</td>
                <td>
                  <a href={`/dashboard/executions/${gate.executionId}`}>{gate.key}</a>
                  <br />
                  <code>{gate.tool.key}</code> <code>{JSON.stringify(gate.input)}</code>
                </td>
                <td>{gate.requester.id}</td>
                <td>{gate.reason}</td>
                <td>
                  {gate.approvals.length} of {gate.quorum}
                  {gate.excludeRequester ? " (not the requester)" : ""}
                </td>
                <td>{gate.deadline}</td>
                <td>
                  {gate.link === null ? (
                    <span>not yours to decide</span>
                  ) : (
                    <>
                      <DecisionForm gate={gate} csrf={csrf} decision="approve" />{" "}
                      <DecisionForm gate={gate} csrf={csrf} decision="reject" />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function DecisionForm({ gate, csrf, decision }: { gate: PendingApproval; csrf: string; decision: "approve" | "reject" }) {
  return (
    <form class="inline" method="post" action={`/dashboard/executions/${gate.executionId}/${decision}`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="stepId" value={gate.stepId} />
      {decision === "reject" ? <input type="text" name="reason" placeholder="reason" required maxlength={500} /> : null}
      <button type="submit" name="decision" value={decision}>
        {decision === "approve" ? "Approve" : "Reject"}
      </button>
    </form>
  );
}
