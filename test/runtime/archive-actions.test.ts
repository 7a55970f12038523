import { createScheduledController, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it, vi } from "vitest";
import worker from "../../workers/index.ts";
import { decidePlansFromChannel } from "../../workers/approvals/plan-decisions.ts";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { signApprovalToken } from "../../workers/approvals/token.ts";
import { agentSession, clientTransport, EXECUTION_META } from "../mcp/support.ts";
import { type Admin, bootstrap, call, ensureBound, problem } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { csrfOf, login, page, postForm } from "../dashboard/support.ts";
import { testSecrets } from "../support/test-secrets.ts";
import { executionStub } from "../support/runtime.ts";
import { runText } from "./support/flow.ts";

const DAY = 86_400_000;
let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("archive-actions");
});

async function tables(executionId: string): Promise<string[]> {
  return runInDurableObject(executionStub(executionId), (_instance, state) =>
    state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_%' ESCAPE '\\'").toArray().map((r) => r.name),
  );
}

/** What an action could write outside the object: the index row, D1 trace rows, the tenant's R2 objects. */
async function written(executionId: string, traceId: string) {
  const row = await env.DB.prepare("SELECT * FROM executions WHERE id = ?").bind(executionId).first();
  const traceRows = await env.DB.prepare("SELECT COUNT(*) AS n FROM trace_events WHERE trace_id = ?").bind(traceId).first<{ n: number }>();
  const objects = (await env.TRACES.list({ prefix: `archives/${admin.tenantId}/` })).objects.map((o) => o.key).sort();
  return { row, traceRows: traceRows?.n, objects, tables: await tables(executionId) };
}

/** A finished execution, archived by the cron past the retention window: its object emptied. */
async function archived(text: string) {
  return archiveRun(await runText(admin, text));
}

async function archiveRun(run: { executionId: string; traceId: string }) {
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now() + 91 * DAY, cron: "*/5 * * * *" }), env);
  const row = await env.DB.prepare("SELECT archive_key FROM executions WHERE id = ?").bind(run.executionId).first<{ archive_key: string | null }>();
  if (row?.archive_key == null) throw new Error(`${run.executionId} was not archived`);
  expect(await tables(run.executionId)).toEqual([]);
  return { run, archiveKey: row.archive_key };
}

it("API actions on an archived execution answer 409 EXECUTION_ARCHIVED naming the archive, and write nothing", async () => {
  const { run, archiveKey } = await archived("reply then archived, then acted on");
  const before = await written(run.executionId, run.traceId);
  expect(before.tables).toEqual([]);
  const id = run.executionId;
  // Reads still work from the archive: the step ids come from there.
  const view = await call("GET", `/v1/executions/${id}`, { key: admin.key });
  expect(view.status).toBe(200);
  const stepId = ((await view.json()) as { steps: { stepId: string }[] }).steps[0]?.stepId ?? "";
  expect(stepId).not.toBe("");
  const actions: [string, string, unknown][] = [
    ["POST", `/v1/executions/${id}/cancel`, {}],
    ["POST", `/v1/executions/${id}/confirm`, { planDigest: "a".repeat(64) }],
    ["POST", `/v1/executions/${id}/approve`, { stepId }],
    ["POST", `/v1/executions/${id}/reject`, { stepId, reason: "too late" }],
  ];
  for (const [method, path, body] of actions) {
    const res = await call(method, path, { key: admin.key, body });
    expect(res.status, path).toBe(409);
    const p = await problem(res);
    expect(p.code).toBe("EXECUTION_ARCHIVED");
    expect(p.detail).toContain(archiveKey);
    expect(p.detail).toMatch(/read-only/);
  }
  // Bulk decisions refuse the item with the single decision's code.
  const bulk = await call("POST", "/v1/approvals/decisions", { key: admin.key, body: { decision: "approve", items: [{ executionId: id, stepId }] } });
  expect(bulk.status).toBe(200);
  expect(((await bulk.json()) as { results: { ok: boolean; code: string | null }[] }).results).toMatchObject([{ ok: false, code: "EXECUTION_ARCHIVED" }]);

  expect(await written(run.executionId, run.traceId)).toEqual(before);
  expect(await tables(run.executionId)).toEqual([]);
});

it("a channel's Confirm / Cancel on an archived execution is refused EXECUTION_ARCHIVED and recreates nothing in its object", async () => {
  const { run } = await archived("reply then archived, then a button pressed");
  const before = await written(run.executionId, run.traceId);
  for (const decision of ["confirm", "cancel"] as const) {
    const outcomes = await decidePlansFromChannel(env, [
      {
        itemId: `press-${decision}`,
        tenantId: admin.tenantId,
        provider: "slack",
        action: { decision, ref: { executionId: run.executionId, planDigest: "b".repeat(64) }, actor: { type: "human", id: "U-presser" }, replyTo: { kind: "none" } },
      },
    ]);
    expect(outcomes).toEqual([{ itemId: `press-${decision}`, ok: false, code: "EXECUTION_ARCHIVED" }]);
  }
  expect(await written(run.executionId, run.traceId)).toEqual(before);
});

it("another tenant's id is still not found, not archived: existence does not leak", async () => {
  const { run } = await archived("reply then archived, then probed by a stranger");
  const stranger = await bootstrap("archive-actions-other");
  const res = await call("POST", `/v1/executions/${run.executionId}/cancel`, { key: stranger.key, body: {} });
  expect(res.status).toBe(404);
  expect((await problem(res)).code).toBe("EXECUTION_NOT_FOUND");
  const outcomes = await decidePlansFromChannel(env, [
    { itemId: "foreign", tenantId: stranger.tenantId, provider: "slack", action: { decision: "confirm", ref: { executionId: run.executionId, planDigest: "c".repeat(64) }, actor: { type: "human", id: "U-x" }, replyTo: { kind: "none" } } },
  ]);
  expect(outcomes[0]?.code).toBe("PLAN_NOT_FOUND");
  expect(await tables(run.executionId)).toEqual([]);
});

it("an approval link to an archived execution shows that it is archived and decides nothing", async () => {
  const { run } = await archived("reply then archived, then its link opened");
  const view = (await (await call("GET", `/v1/executions/${run.executionId}`, { key: admin.key })).json()) as { steps: { stepId: string }[] };
  const token = await signApprovalToken(testSecrets.APPROVAL_SIGNING_KEY, {
    v: 1,
    tenantId: admin.tenantId,
    exp: Math.floor(Date.now() / 1000) + 600,
    jti: crypto.randomUUID(),
    executionId: run.executionId,
    stepId: view.steps[0]?.stepId ?? "",
    principalId: admin.principalId,
    actionDigest: "d".repeat(64),
  });
  const before = await written(run.executionId, run.traceId);
  const page = await call("GET", `/approve/${token}`);
  expect(page.status).toBe(409);
  expect(await page.text()).toMatch(/archived and read-only/);
  const post = await call("POST", `/approve/${token}`, { body: "decision=approve", headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(post.status).toBe(409);
  expect((await problem(post)).code).toBe("EXECUTION_ARCHIVED");
  expect(await written(run.executionId, run.traceId)).toEqual(before);
});

it("MCP controlPlane_execution_status of an archived execution is a tool error with the status the index recorded", async () => {
  const { admin: owner, client } = await agentSession("archive-actions-mcp");
  const result = (await client.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 7, body: "Archived later." } })) as CallToolResult;
  expect(result.isError).toBeFalsy();
  const executionId = String(result._meta?.[EXECUTION_META]);
  const row = await env.DB.prepare("SELECT trace_id, status FROM executions WHERE id = ?").bind(executionId).first<{ trace_id: string; status: string }>();
  expect(row?.status).toBe("succeeded");
  const { archiveKey } = await archiveRun({ executionId, traceId: row?.trace_id ?? "" });
  const status = (await client.callTool({ name: "controlPlane_execution_status", arguments: { executionId } })) as CallToolResult;
  expect(status.isError).toBe(true);
  const text = status.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
  expect(text).toMatch(/^EXECUTION_ARCHIVED: /);
  expect(text).toContain("ended succeeded");
  expect(text).toContain(archiveKey);
  expect(await tables(executionId)).toEqual([]);
  expect(owner.tenantId).not.toBe(admin.tenantId);
  await client.close();
});

it("a press in a Slack thread on an archived execution is answered there as a refusal, and the object stays empty", async () => {
  const { run } = await archived("reply then archived, then pressed in its thread");
  await ensureBound(admin, { provider: "slack", externalId: "T0ARCHIVED" });
  await standin.reset();
  const before = await written(run.executionId, run.traceId);
  const outcomes = await decidePlansFromChannel(env, [
    {
      itemId: "press-in-thread",
      tenantId: admin.tenantId,
      provider: "slack",
      action: { decision: "confirm", ref: { executionId: run.executionId, planDigest: "e".repeat(64) }, actor: { type: "human", id: "U-presser" }, replyTo: { kind: "slack", teamId: "T0ARCHIVED", channelId: "C9", threadTs: "1700000000.000009" } },
    },
  ]);
  expect(outcomes).toEqual([{ itemId: "press-in-thread", ok: false, code: "EXECUTION_ARCHIVED" }]);
  const posts = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage")).map((r) => JSON.parse(r.body) as { channel: string; thread_ts?: string; text: string });
  expect(posts).toHaveLength(1);
  expect(posts[0]).toMatchObject({ channel: "C9", thread_ts: "1700000000.000009" });
  expect(posts[0]?.text).toContain(`execution ${run.executionId}, EXECUTION_ARCHIVED`);
  expect(await written(run.executionId, run.traceId)).toEqual(before);
});

it("the dashboard shows an archived execution from its archive and refuses a decision on it readably", async () => {
  const { run } = await archived("reply then archived, then opened in the dashboard");
  const session = await login(admin.key);
  const detail = await page(`/dashboard/executions/${run.executionId}`, session);
  expect(detail.status).toBe(200);
  expect(detail.html).toContain(run.executionId);
  const stepId = ((await (await call("GET", `/v1/executions/${run.executionId}`, { key: admin.key })).json()) as { steps: { stepId: string }[] }).steps[0]?.stepId ?? "";
  const before = await written(run.executionId, run.traceId);
  const refused = await postForm(`/dashboard/executions/${run.executionId}/approve`, { stepId, _csrf: await csrfOf(session) }, { origin: "http://cp.test", cookie: session });
  expect(refused.status).toBe(409);
  const html = await refused.text();
  expect(html).toContain("Not decided");
  expect(html).toContain("EXECUTION_ARCHIVED");
  expect(await written(run.executionId, run.traceId)).toEqual(before);
});

it("an MCP call repeated (same session and request id) after its execution was archived is a tool error, not a restart", async () => {
  const { agent, client, session } = await agentSession("archive-actions-mcp-repeat");
  await client.close();
  const raw = clientTransport(agent.key, session);
  const answers: CallToolResult[] = [];
  raw.onmessage = (message) => {
    if ("id" in message && "result" in message) answers.push(message.result as CallToolResult);
  };
  await raw.start();
  raw.setProtocolVersion("2025-11-25");
  const request = { jsonrpc: "2.0" as const, id: 77, method: "tools/call", params: { name: "github_issue_comment", arguments: { owner: "acme", repo: "app", number: 8, body: "before archiving" } } };
  await raw.send(request);
  await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 20_000 });
  const executionId = String(answers[0]?._meta?.[EXECUTION_META]);
  const row = await env.DB.prepare("SELECT trace_id FROM executions WHERE id = ?").bind(executionId).first<{ trace_id: string }>();
  await archiveRun({ executionId, traceId: row?.trace_id ?? "" });
  await raw.send(request);
  await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 20_000 });
  await raw.close();
  expect(answers[1]?.isError).toBe(true);
  expect(answers[1]?.content).toEqual([expect.objectContaining({ text: expect.stringMatching(/^EXECUTION_ARCHIVED: .*read-only.*It ended succeeded\.$/) })]);
  expect(await tables(executionId)).toEqual([]);
});
