import { describe, expect, it } from "vitest";
import { bootstrap, call, problem } from "../support/api.ts";
import { runAlarms } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { approve, approver, firstStep, runText, viewOf } from "./support.ts";

describe("approvals through the API", () => {
  it("holds a medium-risk step under the default policy until one approver approves, then runs it", async () => {
    const admin = await bootstrap("ap-medium");
    const run = await runText(admin, "label acme/app#7 bug");
    const held = await viewOf(admin.key, run.executionId);
    expect(held.status).toBe("waiting_approval");
    const step = firstStep(held);
    expect(step).toMatchObject({ state: "waiting_approval", verdict: { verdict: "approval_required", policyVersion: "default-1" } });

    const listed = (await (await call("GET", "/v1/approvals", { key: admin.key })).json()) as { items: { stepId: string; link: string | null; groups: string[] }[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ stepId: step.stepId, groups: ["approvers"] });
    expect(listed.items[0]?.link).toMatch(/^http:\/\/cp\.test\/approve\/[^/]+$/);

    const res = await approve(admin.key, run.executionId, step.stepId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ decision: "approved", approvals: 1, quorum: 1 });
    await runAlarms(run.executionId);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("succeeded");
    const labelled = (await standin.requests()).filter((r) => r.path.includes("/repos/acme/app/issues/7/labels"));
    expect(labelled).toHaveLength(1);

    const trace = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { type: string }[]; chain: { valid: boolean } };
    expect(trace.chain.valid).toBe(true);
    const types = trace.events.map((e) => e.type);
    expect(types).toContain("controlPlane.execution.policy_pinned");
    expect(types.indexOf("controlPlane.execution.step.vote_recorded")).toBeLessThan(types.indexOf("controlPlane.execution.step.approved"));

    const replay = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key });
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
  });

  it("high risk: the requester cannot approve, and two distinct approvers make the quorum", async () => {
    const admin = await bootstrap("ap-high");
    const run = await runText(admin, "close acme/app#9");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step.state).toBe("waiting_approval");

    const self = await approve(admin.key, run.executionId, step.stepId);
    expect(self.status).toBe(403);
    expect((await problem(self)).code).toBe("SELF_APPROVAL_FORBIDDEN");

    const [ann, bob] = [await approver(admin), await approver(admin)];
    const first = await approve(ann.key, run.executionId, step.stepId);
    expect(await first.json()).toMatchObject({ approvals: 1, quorum: 2, stepState: "waiting_approval" });
    const again = await approve(ann.key, run.executionId, step.stepId);
    expect((await problem(again)).code).toBe("ALREADY_DECIDED");
    const second = await approve(bob.key, run.executionId, step.stepId);
    expect(await second.json()).toMatchObject({ approvals: 2, quorum: 2 });
    await runAlarms(run.executionId);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("succeeded");
  });

  it("two simultaneous approvals produce one decision", async () => {
    const admin = await bootstrap("ap-race");
    const run = await runText(admin, "label acme/app#8 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    const [ann, bob] = [await approver(admin), await approver(admin)];
    const results = await Promise.all([approve(ann.key, run.executionId, step.stepId), approve(bob.key, run.executionId, step.stepId)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const trace = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { type: string }[] };
    expect(trace.events.filter((e) => e.type === "controlPlane.execution.step.approved")).toHaveLength(1);
    expect(trace.events.filter((e) => e.type === "controlPlane.execution.step.vote_recorded")).toHaveLength(1);
  });

  it("non-members are not approvers, a rejection fails the step, and another tenant's execution is 404", async () => {
    const admin = await bootstrap("ap-reject");
    const other = await bootstrap("ap-other");
    const run = await runText(admin, "label acme/app#3 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));

    expect((await problem(await approve(other.key, run.executionId, step.stepId))).code).toBe("EXECUTION_NOT_FOUND");
    const outsider = await approver(admin, "someone-else");
    expect((await problem(await approve(outsider.key, run.executionId, step.stepId))).code).toBe("NOT_AN_APPROVER");

    const rejected = await call("POST", `/v1/executions/${run.executionId}/reject`, { key: admin.key, body: { stepId: step.stepId, reason: "not today" } });
    expect(rejected.status).toBe(200);
    const view = await viewOf(admin.key, run.executionId);
    expect(view.status).toBe("failed");
    expect(firstStep(view).reason?.code).toBe("APPROVAL_REJECTED");
  });

  it("bulk decisions are made and recorded per step", async () => {
    const admin = await bootstrap("ap-bulk");
    const a = await runText(admin, "label acme/app#1 bug");
    const b = await runText(admin, "label acme/app#2 bug");
    const items = [
      { executionId: a.executionId, stepId: firstStep(await viewOf(admin.key, a.executionId)).stepId },
      { executionId: b.executionId, stepId: firstStep(await viewOf(admin.key, b.executionId)).stepId },
      { executionId: b.executionId, stepId: "st_000000000000000000000000" },
    ];
    const res = await call("POST", "/v1/approvals/decisions", { key: admin.key, body: { decision: "approve", items } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { ok: boolean; code: string | null }[] };
    expect(body.results.map((r) => [r.ok, r.code])).toEqual([[true, null], [true, null], [false, "STEP_NOT_FOUND"]]);
  });
});
