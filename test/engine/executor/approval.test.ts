import { describe, expect, it } from "vitest";
import { digestOf } from "../../../engine/hash.ts";
import type { Actor } from "../../../contracts/intent.ts";
import type { PolicyDecider } from "../../../engine/policy/types.ts";
import type { MachineInput } from "../../../engine/executor/input.ts";
import { transition } from "../../../engine/executor/machine.ts";
import { approver, at, buildPlan, feed, governed, governedMachine, idOf, invokes, requester, start, startInput, stepByKey, T0 } from "./helpers.ts";

const plan = buildPlan([
  { key: "close", risk: "high", tool: "github.issue.close", input: { number: 7 } },
  { key: "after", after: ["close"] },
]);
const close = idOf(plan, "close");

describe("steps that need approval", () => {
  it("wait for it, asking with the exact action's digest, and the execution says so", () => {
    const s0 = start(plan, governedMachine);
    expect(stepByKey(s0.state, "close").state).toBe("waiting_approval");
    expect(s0.state.status).toBe("waiting_approval");
    const actionDigest = digestOf({ planId: plan.planId, stepId: close, tool: plan.steps[0]?.tool, input: { number: 7 } });
    expect(s0.effects).toMatchObject([{ kind: "request_approval", stepId: close, input: { number: 7 }, actionDigest }]);
    expect(s0.events.at(-1)).toMatchObject({
      type: "controlPlane.execution.step.approval_requested",
      payload: { actionDigest, verdict: { verdict: "approval_required", tier: "high" } },
    });
  });

  it("run once approved, even at high risk", () => {
    const s0 = start(plan, governedMachine);
    const s1 = feed(s0.state, { kind: "approval_resolved", stepId: close, decision: "approved", by: approver }, at(1), governedMachine);
    expect(s1.events.map((e) => e.type)).toEqual([
      "controlPlane.execution.step.approved",
      "controlPlane.execution.step.started",
    ]);
    expect(invokes(s1.effects)).toMatchObject([{ stepId: close, approval: { decision: "approved", approvers: [approver] } }]);
    expect(s1.state.status).toBe("running");
  });

  it("fail and skip their descendants when rejected or expired", () => {
    const s0 = start(plan, governedMachine);
    for (const decision of ["rejected", "expired"] as const) {
      const r = feed(s0.state, { kind: "approval_resolved", stepId: close, decision, by: approver }, at(1), governedMachine);
      expect(r.events[0]).toMatchObject({ type: "controlPlane.execution.step.rejected", payload: { decision } });
      expect(stepByKey(r.state, "close").reason?.code).toBe(decision === "rejected" ? "APPROVAL_REJECTED" : "APPROVAL_TIMEOUT");
      expect(stepByKey(r.state, "after").state).toBe("skipped");
      expect(r.state.status).toBe("failed");
    }
  });

  it("do not count the requester, and need the rule's quorum", () => {
    const s0 = start(plan, governedMachine);
    const self = feed(s0.state, { kind: "approval_resolved", stepId: close, decision: "approved", by: requester }, at(1), governedMachine);
    expect(self.ignored?.code).toBe("QUORUM_NOT_MET");

    const two: PolicyDecider = (step, ctx) => ({ ...governed(step, ctx), approval: { quorum: 2, excludeRequester: true } });
    const quorum2 = { ...governedMachine, decide: two };
    const t0 = start(plan, quorum2);
    const one = { kind: "approval_resolved", stepId: close, decision: "approved", by: approver } as const;
    expect(feed(t0.state, one, at(1), quorum2).ignored?.code).toBe("QUORUM_NOT_MET");
    const both = feed(t0.state, { ...one, approvers: [approver, { type: "human", id: "carol" }] }, at(1), quorum2);
    expect(invokes(both.effects)).toHaveLength(1);
  });

  it("ignore a decision for a step that is not waiting", () => {
    const s0 = start(plan, governedMachine);
    const r = feed(s0.state, { kind: "approval_resolved", stepId: idOf(plan, "after"), decision: "approved", by: approver }, at(1));
    expect(r.ignored?.code).toBe("STEP_NOT_WAITING_APPROVAL");
  });

  it("do not count the requester's principal either, when the requester asked through a linked channel identity", () => {
    const two: PolicyDecider = (step, ctx) => ({ ...governed(step, ctx), approval: { quorum: 2, excludeRequester: true } });
    const quorum2 = { ...governedMachine, decide: two };
    const viaSlack: Actor = { type: "human", id: "slack:T1:UALICE" };
    const alicePrincipal: Actor = { type: "human", id: "pr_alice" };
    const s0 = transition(null, startInput(plan, quorum2, { requester: viaSlack, requesterPrincipal: alicePrincipal }), T0, quorum2);
    if (s0.state === null) throw new Error("start refused");
    expect(s0.state.requesterPrincipal).toEqual(alicePrincipal);
    const resolved = (approvers: Actor[]): MachineInput => ({ kind: "approval_resolved", stepId: close, decision: "approved", by: approver, approvers });
    expect(feed(s0.state, resolved([alicePrincipal, approver]), at(1), quorum2).ignored?.code).toBe("QUORUM_NOT_MET");
    const twoOthers = feed(s0.state, resolved([approver, { type: "human", id: "pr_carol" }]), at(1), quorum2);
    expect(invokes(twoOthers.effects)).toHaveLength(1);
  });
});
