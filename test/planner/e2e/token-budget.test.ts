import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, ensureBound } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { standin } from "../../support/standin.ts";
import { runText, slackThread } from "../../governance/support.ts";
import { testModelConfig } from "../../support/test-secrets.ts";

const BUDGET = Number(testModelConfig.MODEL_DAILY_TOKEN_BUDGET);
/** What the stand-in reports for every answer (test/support/model-standin.ts). */
const TOKENS_PER_CALL = 366;
const hello = { kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "hello" }, after: [] }] };

interface UsageRow {
  id: string;
  tenant_id: string;
  execution_id: string;
  purpose: string;
  day: string;
  tokens: number;
}

async function usageOf(tenantId: string): Promise<UsageRow[]> {
  return (await env.DB.prepare("SELECT * FROM model_token_usage WHERE tenant_id = ? ORDER BY recorded_at").bind(tenantId).all<UsageRow>()).results;
}

/**
 * The tokens the execution's model call reported, as plan.drafted recorded them: the stand-in's answer, or none
 * when the call timed out (a loaded machine can delay the stand-in past MODEL_TIMEOUT_MS).
 */
async function reportedTokens(traceId: string): Promise<number> {
  const events = ((await (await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key: admin.key })).json()) as { events: { type: string; payload?: { usage?: { totalTokens: number | null } } }[] }).events;
  const usage = events.find((e) => e.type === "controlPlane.plan.drafted")?.payload?.usage;
  if (usage === undefined) throw new Error(`no plan.drafted usage in ${traceId}`);
  return usage.totalTokens ?? 0;
}

/** `drafts` plain-language requests of the admin at once, each run until it rests. */
async function concurrentDrafts(drafts: number) {
  await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
  return Promise.all(Array.from({ length: drafts }, (_, i) => runText(admin, `please say hello ${i}`)));
}

/** Spend `tokens` of the tenant's day as if earlier executions had. */
async function spend(tenantId: string, tokens: number, day = new Date().toISOString().slice(0, 10)): Promise<void> {
  await env.DB.prepare("INSERT INTO model_token_usage (id, tenant_id, execution_id, purpose, day, tokens, model, recorded_at) VALUES (?, ?, ?, 'draft', ?, ?, 'standin-model', ?)")
    .bind(`seed-${crypto.randomUUID()}`, tenantId, "ex_seed", day, tokens, `${day}T00:00:00.000Z`)
    .run();
}

async function detail(key: string, executionId: string) {
  return (await (await call("GET", `/v1/executions/${executionId}`, { key })).json()) as { status: string; rejectionReasons: { code: string }[] };
}

let admin: Admin;
let n = 0;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap(`budget-${++n}`);
});

describe("the per-tenant daily token budget of the planner's model", () => {
  it("records each execution's tokens against its tenant's day", async () => {
    await modelStandin.answer(hello);
    const run = await runText(admin, "please say hello");
    expect(await usageOf(admin.tenantId)).toEqual([expect.objectContaining({ id: run.executionId, execution_id: run.executionId, purpose: "draft", tokens: TOKENS_PER_CALL, day: new Date().toISOString().slice(0, 10) })]);
  });

  it("over budget, answers MODEL_BUDGET_EXHAUSTED without asking the model, and the grammar still works", async () => {
    await spend(admin.tenantId, BUDGET - 1);
    // Under the budget by one token, the call is made (and may pass it by its own size).
    await modelStandin.answer(hello);
    const last = await runText(admin, "please say hello");
    expect((await detail(admin.key, last.executionId)).status).toBe("succeeded");
    expect(await modelStandin.calls()).toHaveLength(1);

    await modelStandin.answer(hello);
    const refused = await runText(admin, "please say hello again");
    expect(await modelStandin.calls()).toHaveLength(1);
    const view = await detail(admin.key, refused.executionId);
    expect(view.status).toBe("rejected");
    expect(view.rejectionReasons[0]?.code).toBe("MODEL_BUDGET_EXHAUSTED");
    const replies = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage")).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(replies.at(-1)).toContain("budget is used up");
    expect(replies.at(-1)).toContain("Commands still work");

    // Recorded, and replay feeds the recorded answer back: consistent, no model call.
    const events = ((await (await call("GET", `/v1/traces/${refused.traceId}?includePayloads=true`, { key: admin.key })).json()) as { events: { type: string; payload?: Record<string, unknown> }[] }).events;
    expect(events.find((e) => e.type === "controlPlane.plan.drafted")?.payload).toMatchObject({ call: { outcome: "failed", code: "MODEL_BUDGET_EXHAUSTED" }, usage: { totalTokens: null } });
    expect(await (await call("POST", `/v1/executions/${refused.executionId}/replay`, { key: admin.key, body: {} })).json()).toMatchObject({ outcome: "consistent" });
    expect(await modelStandin.calls()).toHaveLength(1);

    const typed = await runText(admin, "reply still here");
    expect((await detail(admin.key, typed.executionId)).status).toBe("succeeded");
  });

  it("lets concurrent drafts through only while the day's tokens and the calls in flight are under the budget: one call may pass it, never more", async () => {
    await spend(admin.tenantId, BUDGET - 1);
    const drafts = 4;
    // The answers wait, so every draft is between its budget check and its recorded usage at once.
    await modelStandin.answer(hello, { times: drafts, delayMs: 200 });
    const runs = await concurrentDrafts(drafts);

    expect(await modelStandin.calls()).toHaveLength(1);
    const refused: typeof runs = [];
    for (const run of runs) if ((await detail(admin.key, run.executionId)).rejectionReasons[0]?.code === "MODEL_BUDGET_EXHAUSTED") refused.push(run);
    expect(refused).toHaveLength(drafts - 1);
    // The admitted call's reservation was settled to what it reported: the day passed the budget by that call only.
    const admitted = runs.find((run) => !refused.includes(run));
    const spent = (await usageOf(admin.tenantId)).reduce((sum, row) => sum + row.tokens, 0);
    expect(spent).toBe(BUDGET - 1 + (admitted === undefined ? Number.NaN : await reportedTokens(admitted.traceId)));
    expect(spent).toBeLessThanOrEqual(BUDGET - 1 + TOKENS_PER_CALL);
  });

  it("settles each of many concurrent calls under a roomy budget to the tokens it reported", async () => {
    const drafts = 4;
    await modelStandin.answer(hello, { times: drafts, delayMs: 100 });
    const runs = await concurrentDrafts(drafts);
    expect(await modelStandin.calls()).toHaveLength(drafts);
    const rows = await usageOf(admin.tenantId);
    expect(rows.map((r) => r.id).sort()).toEqual(runs.map((r) => r.executionId).sort());
    for (const run of runs) expect(rows.find((r) => r.id === run.executionId)?.tokens).toBe(await reportedTokens(run.traceId));
  });

  it("counts one tenant's day only: yesterday's spending and another tenant's do not", async () => {
    await spend(admin.tenantId, BUDGET * 2, "2000-01-01");
    const other = await bootstrap(`budget-other-${n}`);
    await spend(other.tenantId, BUDGET * 2);
    await modelStandin.answer(hello);
    const run = await runText(admin, "please say hello");
    expect((await detail(admin.key, run.executionId)).status).toBe("succeeded");
  });
});
