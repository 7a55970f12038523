import { describe, expect, it } from "vitest";
import { POLICY_SCHEMA } from "../../contracts/policy/document.ts";
import { builtinTools } from "../../contracts/tools/index.ts";
import { checkPublish } from "../../engine/policy/publish-check.ts";
import { bootstrap, call, ensureBound, problem } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { env } from "cloudflare:workers";
import { firstStep, runText, slackThread, viewOf } from "./support.ts";

const budgeted = (executionsPerHour: number) => ({
  schema: POLICY_SCHEMA,
  name: "budgeted",
  rules: [{ id: "low-ok", match: { risks: ["low"] }, effect: "allow" }],
  budget: { executionsPerHour },
});

async function activate(key: string, document: unknown): Promise<void> {
  const published = await call("POST", "/v1/policies", { key, body: { document } });
  expect(published.status).toBe(201);
  const { version } = (await published.json()) as { version: string };
  expect((await call("POST", `/v1/policies/${version}/activate`, { key, body: { reason: "cap a runaway tenant" } })).status).toBe(200);
}

async function replayOutcome(key: string, executionId: string): Promise<string> {
  const replay = await call("POST", `/v1/executions/${executionId}/replay`, { key });
  return ((await replay.json()) as { outcome: string }).outcome;
}

async function pinnedContext(key: string, traceId: string): Promise<Record<string, unknown> | undefined> {
  const trace = (await (await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key })).json()) as {
    events: { type: string; payload?: { context?: Record<string, unknown> } }[];
  };
  return trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned")?.payload?.context;
}

const chatPosts = async () => (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));

describe("a per-tenant execution budget in the policy", () => {
  it("blocks every step of an execution over the hourly budget with BUDGET_EXCEEDED, sends nothing, and replays the same", async () => {
    const admin = await bootstrap("budget-a");
    const other = await bootstrap("budget-b");
    await activate(admin.key, budgeted(2));
    await activate(other.key, budgeted(2));
    await standin.reset();
    // An execution from two hours ago is outside the trailing hour and does not count.
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await env.DB.prepare("INSERT INTO executions (id, tenant_id, intent_id, status, trace_id, created_at, updated_at) VALUES ('ex_old', ?, 'in_old', 'succeeded', 'tr_old', ?, ?)")
      .bind(admin.tenantId, twoHoursAgo, twoHoursAgo)
      .run();

    const runs = [];
    for (const n of [1, 2, 3]) runs.push(await runText(admin, `reply hello ${n}`));
    const [first, second, third] = runs;
    if (first === undefined || second === undefined || third === undefined) throw new Error("runs");

    expect(firstStep(await viewOf(admin.key, first.executionId)).state).toBe("succeeded");
    expect(firstStep(await viewOf(admin.key, second.executionId)).state).toBe("succeeded");
    const over = await viewOf(admin.key, third.executionId);
    expect(firstStep(over)).toMatchObject({ state: "failed", reason: { code: "POLICY_BLOCKED" }, verdict: { verdict: "blocked" } });
    expect(JSON.stringify(firstStep(over).verdict)).toContain("BUDGET_EXCEEDED");
    expect(over.status).toBe("failed");
    // Only the two executions within budget reached Slack.
    expect((await chatPosts()).map((r) => JSON.parse(r.body).text)).toEqual(["hello 1", "hello 2"]);

    // The count is pinned at start and traced; replay judges with it, not with today's count (now 3).
    expect(await pinnedContext(admin.key, first.traceId)).toMatchObject({ executionsInLastHour: 0 });
    expect(await pinnedContext(admin.key, third.traceId)).toMatchObject({ executionsInLastHour: 2 });
    for (const run of runs) expect(await replayOutcome(admin.key, run.executionId)).toBe("consistent");

    // Another tenant's budget is its own.
    const elsewhere = await runText(other, "reply elsewhere");
    expect(firstStep(await viewOf(other.key, elsewhere.executionId)).state).toBe("succeeded");
  });

  it("counts the executions created before this one, whatever order they start in: a burst of 3 against 2 blocks the last", async () => {
    const admin = await bootstrap("budget-burst");
    await activate(admin.key, budgeted(2));
    await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
    const body = (n: number) => ({ channel: "slack", replyTo: slackThread, text: `reply burst ${n}` });
    const burst = [];
    for (const n of [1, 2, 3]) burst.push(await submit(admin.key, body(n)));
    for (const run of [...burst].reverse()) {
      await deliverHandoff(run, admin.tenantId);
      await runAlarms(run.executionId);
    }
    const steps = [];
    for (const run of burst) steps.push(firstStep(await viewOf(admin.key, run.executionId)));
    expect(steps.map((s) => s.state)).toEqual(["succeeded", "succeeded", "failed"]);
    expect(JSON.stringify(steps[2]?.verdict)).toContain("BUDGET_EXCEEDED");
  });

  it("publishes a budget only as a positive whole number of executions per hour", async () => {
    const admin = await bootstrap("budget-c");
    for (const budget of [{ executionsPerHour: 0 }, { executionsPerHour: 1.5 }, { executionsPerHour: -1 }, { perDay: 10 }]) {
      const res = await call("POST", "/v1/policies", { key: admin.key, body: { document: { ...budgeted(1), budget } } });
      expect(res.status, JSON.stringify(budget)).toBe(400);
      const body = await problem(res);
      expect(body.errors?.some((e) => e.path.includes("budget"))).toBe(true);
    }
    expect(checkPublish(budgeted(100), builtinTools)).toMatchObject({ ok: true });
    const listed = await call("GET", "/v1/policies", { key: admin.key });
    expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(1); // the default only
  });
});
