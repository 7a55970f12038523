import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { slackApprovalValue } from "../../workers/channels/slack-approval.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { slackBlockActions } from "../channels/support/payloads.ts";
import { post, slackFormPost } from "../channels/e2e/support.ts";
import { firstStep, runText, viewOf } from "./support.ts";

async function slackPrincipal(tenantId: string, id: string, identity: string, group: string | null) {
  const at = new Date().toISOString();
  await env.DB.prepare("INSERT INTO principals (id, tenant_id, type, display_name, channel_identity, created_at) VALUES (?, ?, 'human', ?, ?, ?)")
    .bind(id, tenantId, id, identity, at)
    .run();
  if (group) await env.DB.prepare("INSERT INTO group_members (tenant_id, group_name, principal_id, created_at) VALUES (?, ?, ?, ?)").bind(tenantId, group, id, at).run();
}

let admin: Admin | undefined;
/** Storage is shared by the tests of a file, and the default tenant can be bootstrapped once. */
async function adminOfDefault(): Promise<Admin> {
  admin ??= await bootstrap("default-tenant");
  return admin;
}

describe("Slack approval buttons", () => {
  it("a block_actions press by a Slack user who is an approver decides through the same gate; a retry decides nothing twice", async () => {
    const admin = await adminOfDefault();
    const run = await runText(admin, "close acme/app#21");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    await slackPrincipal(admin.tenantId, "pr_slack_grace", "slack:T0001:U0APPROVER", "approvers");

    const value = slackApprovalValue({ executionId: run.executionId, stepId: step.stepId });
    const form = slackBlockActions([{ action_id: "cp.approval.approve", value }]);
    expect((await post("/webhooks/slack", await slackFormPost(form))).status).toBe(200);
    const listed = (await (await call("GET", "/v1/approvals?mine=false", { key: admin.key })).json()) as { items: { approvals: string[]; quorum: number }[] };
    expect(listed.items[0]).toMatchObject({ approvals: ["pr_slack_grace"], quorum: 2 });

    expect((await post("/webhooks/slack", await slackFormPost(form))).status).toBe(200);
    const trace = (await (await call("GET", `/v1/traces/${run.traceId}?includePayloads=true`, { key: admin.key })).json()) as { events: { type: string; payload?: { via?: string } }[] };
    const votes = trace.events.filter((e) => e.type === "controlPlane.execution.step.vote_recorded");
    expect(votes).toHaveLength(1);
    expect(votes[0]?.payload?.via).toBe("slack");
  });

  it("a press by a Slack user who is no principal of the tenant decides nothing", async () => {
    const admin = await adminOfDefault();
    const run = await runText(admin, "label acme/app#22 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    const form = new URLSearchParams(slackBlockActions([{ action_id: "cp.approval.approve", value: slackApprovalValue({ executionId: run.executionId, stepId: step.stepId }) }]));
    const payload = JSON.parse(form.get("payload") ?? "{}") as { user: { id: string }; trigger_id: string };
    payload.user.id = "U0STRANGER";
    payload.trigger_id = "99999.88888.stranger";
    form.set("payload", JSON.stringify(payload));
    expect((await post("/webhooks/slack", await slackFormPost(form.toString()))).status).toBe(200);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
  });
});
