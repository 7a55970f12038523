import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bootstrap, call, problem } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { approve, approver, escalatingPolicy, firstStep, passDeadlines, runText, viewOf } from "./support.ts";

const policy = escalatingPolicy;

describe("approval timeouts", () => {
  it("escalates to the next group after the first deadline, then expires the step and fails the execution", async () => {
    const admin = await bootstrap("to-a");
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} })).status).toBe(200);
    const lead = await approver(admin, "leads");

    const run = await runText(admin, "label acme/app#11 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step).toMatchObject({ state: "waiting_approval", verdict: { policyVersion: "1" } });
    expect((await problem(await approve(lead.key, run.executionId, step.stepId))).code).toBe("NOT_AN_APPROVER");

    await passDeadlines(run.executionId);
    expect(await runDurableObjectAlarm(executionStub(run.executionId))).toBe(true);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
    const listed = (await (await call("GET", "/v1/approvals", { key: lead.key })).json()) as { items: { groups: string[] }[] };
    expect(listed.items[0]?.groups).toEqual(["triage", "leads"]);

    await passDeadlines(run.executionId);
    await runDurableObjectAlarm(executionStub(run.executionId));
    const view = await viewOf(admin.key, run.executionId);
    expect(view.status).toBe("failed");
    expect(firstStep(view)).toMatchObject({ state: "failed", reason: { code: "APPROVAL_TIMEOUT" } });
    expect((await problem(await approve(lead.key, run.executionId, step.stepId))).code).toBe("STEP_NOT_AWAITING_APPROVAL");

    const trace = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { type: string }[]; chain: { valid: boolean } };
    expect(trace.chain.valid).toBe(true);
    const types = trace.events.map((e) => e.type);
    expect(types).toContain("controlPlane.execution.step.escalated");
    expect(types.indexOf("controlPlane.execution.step.escalated")).toBeLessThan(types.indexOf("controlPlane.execution.step.rejected"));
    expect(types.at(-1)).toBe("controlPlane.execution.failed");

    const replay = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key });
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
  });

  it("an escalated group can approve", async () => {
    const admin = await bootstrap("to-b");
    await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } });
    await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} });
    const lead = await approver(admin, "leads");
    const run = await runText(admin, "label acme/app#12 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    await passDeadlines(run.executionId);
    await runDurableObjectAlarm(executionStub(run.executionId));
    const res = await approve(lead.key, run.executionId, step.stepId);
    expect(res.status).toBe(200);
  });
});
