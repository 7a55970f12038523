import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_NOTICE_ATTEMPTS } from "../../durable-objects/approval-notice.ts";
import { slackApprovalValue } from "../../workers/channels/slack-approval.ts";
import { post, slackFormPost } from "../channels/e2e/support.ts";
import { slackBlockActions } from "../channels/support/payloads.ts";
import { type Admin, bootstrap, call, ensureBound } from "../support/api.ts";
import { deliverHandoff, executionStub, runAlarms, type Submitted, submit } from "../support/runtime.ts";
import { type RecordedRequest, standin } from "../support/standin.ts";
import { testSecrets } from "../support/test-secrets.ts";
import { runDueAlarms } from "../runtime/support/flow.ts";
import { approver, escalatingPolicy, firstStep, passDeadlines, runText, slackThread, viewOf } from "./support.ts";

const SENDING = "controlPlane.execution.step.approval_notice_sending";
const SENT = "controlPlane.execution.step.approval_notice_sent";
const FAILED = "controlPlane.execution.step.approval_notice_failed";

interface TracedEvent {
  type: string;
  stepId?: string;
  payload?: Record<string, unknown>;
}

async function traceOf(admin: Admin, traceId: string): Promise<TracedEvent[]> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true&limit=500`, { key: admin.key });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { events: TracedEvent[]; chain: { valid: boolean } };
  expect(body.chain.valid).toBe(true);
  return body.events;
}

async function replayOutcome(admin: Admin, executionId: string): Promise<string> {
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { outcome: string }).outcome;
}

const slackPosts = async () => (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));

/** What must never be in a notice posted to a shared thread: a signed approval link or token, or the signing key. */
function expectNoApprovalToken(text: string): void {
  expect(text).not.toContain("/approve/");
  expect(text).not.toMatch(/[A-Za-z0-9_-]{40,}\.[A-Za-z0-9_-]{20,}/);
  expect(text).not.toContain(testSecrets.APPROVAL_SIGNING_KEY);
}

interface SlackButton {
  type: string;
  action_id: string;
  value: string;
}

function buttonsOf(request: RecordedRequest): SlackButton[] {
  const body = JSON.parse(request.body) as { blocks?: { type: string; elements?: SlackButton[] }[] };
  return (body.blocks ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
}

async function slackPrincipal(tenantId: string, id: string, identity: string, group: string) {
  const at = new Date().toISOString();
  await env.DB.prepare("INSERT INTO principals (id, tenant_id, type, display_name, channel_identity, created_at) VALUES (?, ?, 'human', ?, ?, ?)")
    .bind(id, tenantId, id, identity, at)
    .run();
  await env.DB.prepare("INSERT INTO group_members (tenant_id, group_name, principal_id, created_at) VALUES (?, ?, ?, ?)").bind(tenantId, group, id, at).run();
}


function advanceClock(ms: number): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
}

let defaultAdmin: Admin | undefined;
/** Slack button presses resolve to DEFAULT_TENANT, which can be bootstrapped once per file. */
async function adminOfDefault(): Promise<Admin> {
  defaultAdmin ??= await bootstrap(testSecrets.DEFAULT_TENANT);
  return defaultAdmin;
}

beforeEach(() => standin.reset());
afterEach(() => vi.useRealTimers());

describe("approval requests reach people on their channel", () => {
  it("a medium-risk step from a Slack thread posts one notice with Approve / Reject buttons and no token; the button decides it", async () => {
    const admin = await adminOfDefault();
    const run = await runText(admin, "label acme/app#30 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step.state).toBe("waiting_approval");

    const posts = await slackPosts();
    expect(posts).toHaveLength(1);
    const notice = posts[0] as RecordedRequest;
    expect(notice.url).toBe("http://slack.standin/api/chat.postMessage");
    const body = JSON.parse(notice.body) as { channel: string; thread_ts: string; text: string };
    expect(body).toMatchObject({ channel: slackThread.channelId, thread_ts: slackThread.threadTs });
    expect(body.text).toContain("github.issue.label@");
    expect(body.text).toContain(step.key);
    expect(body.text).toContain('"labels":["bug"]');
    expect(body.text).toMatch(/tier medium, 1 approval from group approvers/);
    const value = slackApprovalValue({ executionId: run.executionId, stepId: step.stepId });
    expect(buttonsOf(notice)).toEqual([
      expect.objectContaining({ type: "button", action_id: "cp.approval.approve", value }),
      expect.objectContaining({ type: "button", action_id: "cp.approval.reject", value }),
    ]);
    expectNoApprovalToken(notice.body);

    // Traced before it was sent, its outcome after; both off the machine's record.
    let events = await traceOf(admin, run.traceId);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === SENDING)).toHaveLength(1);
    expect(types.filter((t) => t === SENT)).toHaveLength(1);
    expect(types.indexOf("controlPlane.execution.step.approval_requested")).toBeLessThan(types.indexOf(SENDING));
    expect(types.indexOf(SENDING)).toBeLessThan(types.indexOf(SENT));
    const sending = events.find((e) => e.type === SENDING);
    expect(sending?.stepId).toBe(step.stepId);
    expect(sending?.payload).toMatchObject({ noticeId: `${step.stepId}:approval-request:0`, level: 0, attempt: 1, channel: "slack", format: "slack_blocks", groups: ["approvers"] });
    expectNoApprovalToken(JSON.stringify(sending?.payload));

    // More wakes post nothing again.
    await runAlarms(run.executionId, 3);
    expect(await slackPosts()).toHaveLength(1);

    // An approver presses Approve in the thread.
    await slackPrincipal(admin.tenantId, "pr_notice_grace", "slack:T0001:U0APPROVER", "approvers");
    const approve = buttonsOf(notice).find((b) => b.action_id === "cp.approval.approve");
    const form = slackBlockActions([{ action_id: "cp.approval.approve", value: approve?.value ?? "" }]);
    expect((await post("/webhooks/slack", await slackFormPost(form))).status).toBe(200);
    await runAlarms(run.executionId);
    const view = await viewOf(admin.key, run.executionId);
    expect(view.status).toBe("succeeded");
    expect((await standin.requests()).some((r) => r.path === "/repos/acme/app/issues/30/labels")).toBe(true);
    expect(await slackPosts()).toHaveLength(1);
    events = await traceOf(admin, run.traceId);
    expect(events.find((e) => e.type === "controlPlane.execution.step.vote_recorded")?.payload).toMatchObject({ via: "slack", by: { id: "pr_notice_grace" } });

    expect(await replayOutcome(admin, run.executionId)).toBe("consistent");
  });

  it("a step asked from a GitHub issue gets a text comment pointing approvers to their own links, with no token", async () => {
    const admin = await bootstrap("notice-gh");
    await ensureBound(admin, { provider: "github", externalId: "acme/app" });
    const submitted = await submit(admin.key, { channel: "github", replyTo: { kind: "github", owner: "acme", repo: "app", issueNumber: 7 }, text: "close acme/app#7" });
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);
    const step = firstStep(await viewOf(admin.key, submitted.executionId));
    expect(step.state).toBe("waiting_approval");

    const requests = await standin.requests();
    expect(requests.filter((r) => r.path.endsWith("/chat.postMessage"))).toHaveLength(0);
    const comments = requests.filter((r) => r.path === "/repos/acme/app/issues/7/comments");
    expect(comments).toHaveLength(1);
    const text = (JSON.parse(comments[0]?.body ?? "{}") as { body: string }).body;
    expect(text).toContain("Approval needed");
    expect(text).toContain("github.issue.close@");
    expect(text).toContain("tier high, 2 approvals from group approvers, not the requester");
    expect(text).toContain("GET /v1/approvals");
    expect(text).toContain("http://cp.test/dashboard/approvals");
    expect(text).toContain("```json\n");
    expectNoApprovalToken(text);
    expect(requests.some((r) => r.path === "/repos/acme/app/issues/7" && r.method === "PATCH")).toBe(false);

    const sending = (await traceOf(admin, submitted.traceId)).find((e) => e.type === SENDING);
    expect(sending?.payload).toMatchObject({ channel: "github", format: "text", text });
  });

  it("escalation posts a second notice for the next group; the expired step fails with APPROVAL_TIMEOUT and replay stays consistent", async () => {
    const admin = await bootstrap("notice-esc");
    const policy = escalatingPolicy;
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} })).status).toBe(200);

    const run = await runText(admin, "label acme/app#31 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(await slackPosts()).toHaveLength(1);

    await passDeadlines(run.executionId);
    expect(await runDurableObjectAlarm(executionStub(run.executionId))).toBe(true);
    const posts = await slackPosts();
    expect(posts).toHaveLength(2);
    const second = JSON.parse(posts[1]?.body ?? "{}") as { text: string; thread_ts: string };
    expect(second.thread_ts).toBe(slackThread.threadTs);
    expect(second.text).toContain("Approval still needed (escalation 1)");
    expect(second.text).toContain("groups triage, leads (escalated to leads)");
    expect(buttonsOf(posts[1] as RecordedRequest)).toHaveLength(2);
    expectNoApprovalToken(posts[1]?.body ?? "");

    await passDeadlines(run.executionId);
    await runDurableObjectAlarm(executionStub(run.executionId));
    const view = await viewOf(admin.key, run.executionId);
    expect(view.status).toBe("failed");
    expect(firstStep(view)).toMatchObject({ state: "failed", reason: { code: "APPROVAL_TIMEOUT" } });
    await runAlarms(run.executionId, 3);
    expect(await slackPosts()).toHaveLength(2);

    const events = await traceOf(admin, run.traceId);
    const ids = events.filter((e) => e.type === SENT).map((e) => e.payload?.noticeId);
    expect(ids).toEqual([`${step.stepId}:approval-request:0`, `${step.stepId}:approval-request:1`]);
    expect(events.filter((e) => e.type === SENDING).map((e) => e.payload?.groups)).toEqual([["triage"], ["triage", "leads"]]);
    expect(await replayOutcome(admin, run.executionId)).toBe("consistent");
  });

  it("a provider 500 on the notice changes nothing about the step; the notice is retried from the alarm and sent once", async () => {
    const admin = await bootstrap("notice-retry");
    await standin.script([{ match: "chat.postMessage", status: 500, body: { ok: false, error: "internal_error" } }]);
    const run = await runText(admin, "label acme/app#32 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step.state).toBe("waiting_approval");
    expect(await slackPosts()).toHaveLength(1);

    let events = await traceOf(admin, run.traceId);
    const failed = events.find((e) => e.type === FAILED);
    expect(failed?.payload).toMatchObject({ attempt: 1, retryable: true, code: "UPSTREAM_UNAVAILABLE" });
    expect(typeof failed?.payload?.nextAttemptAt).toBe("string");
    expect(events.some((e) => e.type === SENT)).toBe(false);
    expect((await viewOf(admin.key, run.executionId)).status).toBe("waiting_approval");

    advanceClock(3_000);
    await runDueAlarms(run.executionId);
    expect(await slackPosts()).toHaveLength(2);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
    events = await traceOf(admin, run.traceId);
    expect(events.filter((e) => e.type === SENT).map((e) => e.payload?.attempt)).toEqual([2]);

    advanceClock(60_000);
    await runDueAlarms(run.executionId);
    expect(await slackPosts()).toHaveLength(2);
    expect(await replayOutcome(admin, run.executionId)).toBe("consistent");
  });

  it("retries are bounded and a final provider refusal is not retried; the step keeps waiting either way", async () => {
    const admin = await bootstrap("notice-bound");
    await standin.script([{ match: "chat.postMessage", status: 503, body: { ok: false }, times: 50 }]);
    const run = await runText(admin, "label acme/app#33 bug");
    for (let i = 0; i < MAX_NOTICE_ATTEMPTS + 2; i++) {
      advanceClock(10 * 60_000);
      await runDueAlarms(run.executionId);
    }
    expect(await slackPosts()).toHaveLength(MAX_NOTICE_ATTEMPTS);
    const failures = (await traceOf(admin, run.traceId)).filter((e) => e.type === FAILED).map((e) => e.payload);
    expect(failures).toHaveLength(MAX_NOTICE_ATTEMPTS);
    expect(failures.at(-1)).toMatchObject({ attempt: MAX_NOTICE_ATTEMPTS, nextAttemptAt: null });
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");

    await standin.reset();
    await standin.script([{ match: "chat.postMessage", status: 200, body: { ok: false, error: "not_in_channel" } }]);
    const refused = await runText(admin, "label acme/app#34 bug");
    advanceClock(10 * 60_000);
    await runDueAlarms(refused.executionId);
    expect(await slackPosts()).toHaveLength(1);
    const refusal = (await traceOf(admin, refused.traceId)).find((e) => e.type === FAILED);
    expect(refusal?.payload).toMatchObject({ code: "SLACK_NOT_IN_CHANNEL", retryable: false, nextAttemptAt: null });
    expect(firstStep(await viewOf(admin.key, refused.executionId)).state).toBe("waiting_approval");
  });

  it("a gate that no longer matches the verified plan step gets no notice (NOTICE_UNBOUND), and the step is untouched", async () => {
    const admin = await bootstrap("notice-unbound");
    const policy = {
      schema: "control-plane.policy/1",
      name: "escalating",
      rules: [
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
        { id: "esc", match: { tools: ["github.issue.label"] }, effect: "require_approval", approval: { group: "triage", timeoutSeconds: 600, escalation: [{ group: "leads", timeoutSeconds: 600 }] } },
      ],
    };
    await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } });
    await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} });
    const run = await runText(admin, "label acme/app#35 bug");
    expect(await slackPosts()).toHaveLength(1);

    // Storage edited behind the runtime's back: the gate now shows other arguments than the plan's step.
    await runInDurableObject(executionStub(run.executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'gates'").toArray();
      const gates = JSON.parse(row?.v ?? "{}") as Record<string, { deadline: string; input: Record<string, unknown> }>;
      for (const gate of Object.values(gates)) {
        gate.deadline = new Date(Date.now() - 1000).toISOString();
        gate.input = { ...gate.input, labels: ["<!channel> approved-by-ops"] };
      }
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'gates'", JSON.stringify(gates));
    });
    await runDurableObjectAlarm(executionStub(run.executionId));
    expect(await slackPosts()).toHaveLength(1);
    const events = await traceOf(admin, run.traceId);
    expect(events.filter((e) => e.type === SENDING)).toHaveLength(1);
    expect(events.find((e) => e.type === FAILED)?.payload).toMatchObject({ level: 1, code: "NOTICE_UNBOUND", retryable: false, nextAttemptAt: null });
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
  });

  it("an attempt interrupted by an eviction (recorded as sending, running nowhere) is resumed by the alarm, within the bound", async () => {
    const admin = await bootstrap("notice-resume");
    const run = await runText(admin, "label acme/app#36 bug");
    expect(await slackPosts()).toHaveLength(1);
    await runInDurableObject(executionStub(run.executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'approvalNotices'").toArray();
      const records = JSON.parse(row?.v ?? "{}") as Record<string, { status: string }>;
      for (const record of Object.values(records)) record.status = "sending";
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'approvalNotices'", JSON.stringify(records));
    });
    await runDurableObjectAlarm(executionStub(run.executionId));
    expect(await slackPosts()).toHaveLength(2);
    const sent = (await traceOf(admin, run.traceId)).filter((e) => e.type === SENT).map((e) => e.payload?.attempt);
    expect(sent).toEqual([1, 2]);
    await runAlarms(run.executionId, 3);
    expect(await slackPosts()).toHaveLength(2);
  });

  it("approvers with a Slack identity in the thread's workspace get a direct message with their own link, which decides; the link never enters the trace", async () => {
    const admin = await bootstrap("notice-dm");
    await slackPrincipal(admin.tenantId, "pr_dm_grace", `slack:${slackThread.teamId}:U0DMGRACE`, "approvers");
    await slackPrincipal(admin.tenantId, "pr_dm_elsewhere", "slack:T9:U0ELSEWHERE", "approvers");
    await slackPrincipal(admin.tenantId, "pr_dm_triage", `slack:${slackThread.teamId}:U0TRIAGE`, "triage");
    // The requester (the bootstrap admin, an approver) has a Slack identity too: asked for the medium step
    // (the default rule lets them approve it), left out for the high one, whose rule excludes the requester.
    await env.DB.prepare("UPDATE principals SET channel_identity = ? WHERE id = ?").bind(`slack:${slackThread.teamId}:U0ADMIN`, admin.principalId).run();
    const run = await runText(admin, "label acme/app#40 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));

    const posts = await slackPosts();
    expect(posts.map((p) => (JSON.parse(p.body) as { channel: string }).channel).sort()).toEqual([slackThread.channelId, "U0ADMIN", "U0DMGRACE"].sort());
    const thread = posts.find((p) => (JSON.parse(p.body) as { channel: string }).channel === slackThread.channelId);
    expectNoApprovalToken(thread?.body ?? "");
    const dm = posts.find((p) => (JSON.parse(p.body) as { channel: string }).channel === "U0DMGRACE");
    const dmText = (JSON.parse(dm?.body ?? "{}") as { text: string; thread_ts?: string }).text;
    expect(JSON.parse(dm?.body ?? "{}")).not.toHaveProperty("thread_ts");
    const link = /<(http:\/\/cp\.test\/approve\/[^|>]+)\|/.exec(dmText)?.[1];
    expect(link).toBeDefined();

    const events = await traceOf(admin, run.traceId);
    expect(JSON.stringify(events)).not.toContain("/approve/");
    const dmSending = events.find((e) => e.type === SENDING && e.payload?.recipient === "pr_dm_grace");
    expect(dmSending?.payload).toMatchObject({ channel: "slack_dm", noticeId: `${step.stepId}:approval-request:0:dm:pr_dm_grace` });
    expect(String(dmSending?.payload?.text)).toContain("[approval link of this approver]");
    expect(events.filter((e) => e.type === SENT)).toHaveLength(3);

    const res = await call("POST", new URL(link ?? "http://x/").pathname, { body: "decision=approve", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    await runAlarms(run.executionId);
    expect((await viewOf(admin.key, run.executionId)).status).toBe("succeeded");
    expect(await slackPosts()).toHaveLength(3);
    expect(await replayOutcome(admin, run.executionId)).toBe("consistent");

    await standin.reset();
    await runText(admin, "close acme/app#41");
    const high = (await slackPosts()).map((p) => (JSON.parse(p.body) as { channel: string }).channel);
    expect(high.sort()).toEqual([slackThread.channelId, "U0DMGRACE"].sort());
  });

  it("a Slack identity linked to an approver gets their direct message; the requester's linked identity is left out where the rule excludes them", async () => {
    const admin = await bootstrap("notice-dm-linked");
    const ann = await approver(admin);
    const link = (principalId: string, identity: string) => call("POST", `/v1/principals/${principalId}/identities`, { key: admin.key, body: { identity } });
    expect((await link(ann.principalId, `slack:${slackThread.teamId}:U0DMANN`)).status).toBe(200);
    expect((await link(admin.principalId, `slack:${slackThread.teamId}:U0DMADMIN`)).status).toBe(200);

    await runText(admin, "close acme/app#42");
    const channels = (await slackPosts()).map((p) => (JSON.parse(p.body) as { channel: string }).channel);
    expect(channels.sort()).toEqual([slackThread.channelId, "U0DMANN"].sort());
  });

  it("an execution whose steps need no approval posts no notice", async () => {
    const admin = await bootstrap("notice-none");
    const run: Submitted = await runText(admin, "reply hello");
    const posts = await slackPosts();
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? "{}")).not.toHaveProperty("blocks");
    expect((await traceOf(admin, run.traceId)).some((e) => e.type.includes("approval_notice"))).toBe(false);
  });
});
