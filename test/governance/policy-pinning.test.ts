import { describe, expect, it } from "vitest";
import { signApprovalToken } from "../../workers/approvals/token.ts";
import { bootstrap, call, problem } from "../support/api.ts";
import { runAlarms } from "../support/runtime.ts";
import { testSecrets } from "../support/test-secrets.ts";
import { approve, firstStep, runText, viewOf } from "./support.ts";

const denyLabels = {
  schema: "control-plane.policy/1",
  name: "no-labels",
  rules: [
    { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
    { id: "no-labels", match: { tools: ["github.issue.label"] }, effect: "deny" },
  ],
};

describe("an execution keeps the policy it started with", () => {
  it("a later activation changes new executions only, and replay rebuilds verdicts from the recorded policy", async () => {
    const admin = await bootstrap("pin-a");
    const before = await runText(admin, "label acme/app#31 bug");
    const held = firstStep(await viewOf(admin.key, before.executionId));
    expect(held).toMatchObject({ state: "waiting_approval", verdict: { policyVersion: "default-1" } });

    await call("POST", "/v1/policies", { key: admin.key, body: { document: denyLabels } });
    await call("POST", "/v1/policies/1/activate", { key: admin.key, body: { reason: "freeze labels" } });

    const after = await runText(admin, "label acme/app#32 bug");
    const blocked = await viewOf(admin.key, after.executionId);
    expect(firstStep(blocked)).toMatchObject({ state: "failed", reason: { code: "POLICY_BLOCKED" }, verdict: { policyVersion: "1" } });

    expect((await approve(admin.key, before.executionId, held.stepId)).status).toBe(200);
    await runAlarms(before.executionId);
    expect(firstStep(await viewOf(admin.key, before.executionId)).state).toBe("succeeded");

    for (const run of [before, after]) {
      const replay = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key });
      expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
    }
    const trace = (await (await call("GET", `/v1/traces/${before.traceId}?includePayloads=true`, { key: admin.key })).json()) as {
      events: { type: string; payload?: { version?: string; hash?: string; document?: { name: string } } }[];
    };
    const pinned = trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned");
    expect(pinned?.payload).toMatchObject({ version: "default-1", document: { name: "control-plane/default" } });
  });

  it("the requester's own token for a high-risk step is refused, and another tenant sees no pending approvals", async () => {
    const admin = await bootstrap("pin-b");
    const other = await bootstrap("pin-c");
    const run = await runText(admin, "close acme/app#33");
    const listed = (await (await call("GET", "/v1/approvals?mine=false", { key: admin.key })).json()) as { items: { stepId: string; actionDigest: string; link: string | null }[] };
    const [item] = listed.items;
    if (item === undefined) throw new Error("nothing pending");
    expect(item.link).toBeNull();
    const token = await signApprovalToken(testSecrets.APPROVAL_SIGNING_KEY, {
      v: 1,
      tenantId: admin.tenantId,
      executionId: run.executionId,
      stepId: item.stepId,
      principalId: admin.principalId,
      actionDigest: item.actionDigest,
      exp: Math.floor(Date.now() / 1000) + 600,
      jti: crypto.randomUUID(),
    });
    const own = await call("POST", `/approve/${token}`, { body: "decision=approve", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect((await problem(own)).code).toBe("SELF_APPROVAL_FORBIDDEN");

    const theirs = (await (await call("GET", "/v1/approvals?mine=false", { key: other.key })).json()) as { items: unknown[] };
    expect(theirs.items).toEqual([]);
    expect((await call("GET", `/v1/executions/${run.executionId}`, { key: other.key })).status).toBe(404);
  });
});
