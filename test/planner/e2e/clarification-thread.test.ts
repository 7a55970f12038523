import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../../workers/index.ts";
import { registry } from "../../../contracts/index.ts";
import { type Admin, bootstrap, call } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { standin } from "../../support/standin.ts";
import { runText } from "../../governance/support.ts";

interface TraceEvent {
  type: string;
  payload?: Record<string, unknown>;
}

async function drafted(key: string, traceId: string): Promise<Record<string, unknown> | undefined> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key });
  const payload = ((await res.json()) as { events: TraceEvent[] }).events.find((e) => e.type === "controlPlane.plan.drafted")?.payload;
  if (payload === undefined) throw new Error("the model was not asked");
  // Checked against the event contract (plan.drafted 1.1.0 declares `thread`).
  expect(registry.getEvent("controlPlane.plan.drafted")?.payload.safeParse(payload).success).toBe(true);
  return payload;
}

async function lastPrompt(): Promise<string> {
  const calls = await modelStandin.calls();
  const body = JSON.parse(calls[calls.length - 1]?.body ?? "{}") as { messages: { role: string; content: string }[] };
  return body.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
}

async function turnRows(tenantId: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM planner_thread_turns WHERE tenant_id = ?").bind(tenantId).first<{ n: number }>())?.n ?? 0;
}

const QUESTION = "Which repository is the flaky-test issue in, and what is its number?";
const ASK = "please close the flaky-test issue";
const ANSWER = "it's acme/web, number 7";
const closePlan = { kind: "plan", steps: [{ key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7, reason: "completed" }, after: [] }] };

let n = 0;
let admin: Admin;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap(`threads-${++n}`);
});

describe("a clarifying question is answered in its thread", () => {
  it("reads the next message in the thread with the earlier turns, records them in plan.drafted, then closes the thread", async () => {
    await modelStandin.answer({ kind: "clarify", question: QUESTION });
    const first = await runText(admin, ASK);
    expect(await drafted(admin.key, first.traceId)).not.toHaveProperty("thread");

    await modelStandin.answer(closePlan);
    const second = await runText(admin, ANSWER);
    const prompt = await lastPrompt();
    expect(prompt).toContain(`Requester: ${ASK}`);
    expect(prompt).toContain(`You asked: ${QUESTION}`);
    expect(prompt.indexOf(ASK)).toBeLessThan(prompt.indexOf(ANSWER));
    const payload = await drafted(admin.key, second.traceId);
    expect(payload?.thread).toEqual({
      key: "slack:T0THREAD:C1:1700000000.000001",
      turns: [
        { role: "user", text: ASK },
        { role: "assistant", text: QUESTION },
      ],
    });

    // The question was answered: a third message starts afresh.
    await modelStandin.answer({ kind: "refuse", reason: "nothing to do" });
    const third = await runText(admin, "thanks, that's all");
    expect(await lastPrompt()).not.toContain(ASK);
    expect(await drafted(admin.key, third.traceId)).not.toHaveProperty("thread");

    // Replay reads the recorded answer and turns: consistent, and the model is not asked again.
    const calls = (await modelStandin.calls()).length;
    const replayed = await call("POST", `/v1/executions/${second.executionId}/replay`, { key: admin.key, body: {} });
    expect(await replayed.json()).toMatchObject({ outcome: "consistent" });
    expect(await modelStandin.calls()).toHaveLength(calls);
  });

  it("keeps at most 6 turns and 4 KiB, dropping the oldest", async () => {
    const long = "x".repeat(1500);
    for (let i = 0; i < 4; i++) {
      await modelStandin.answer({ kind: "clarify", question: `question ${i}` });
      await runText(admin, `request ${i} ${long}`);
    }
    await modelStandin.answer({ kind: "refuse", reason: "enough" });
    const last = await runText(admin, "final answer");
    const thread = (await drafted(admin.key, last.traceId))?.thread as { turns: { role: string; text: string }[] };
    const bytes = thread.turns.reduce((sum, t) => sum + new TextEncoder().encode(t.text).length, 0);
    expect(thread.turns.length).toBeLessThanOrEqual(6);
    expect(bytes).toBeLessThanOrEqual(4096);
    // The newest turns are kept: the last question, and the request that led to it.
    expect(thread.turns.at(-1)).toEqual({ role: "assistant", text: "question 3" });
    expect(thread.turns.at(-2)).toEqual({ role: "user", text: `request 3 ${long}` });
    expect(thread.turns.some((t) => t.text.startsWith("request 1") || t.text.startsWith("request 0"))).toBe(false);
    expect(thread.turns.length).toBe(5);
  });

  it("never shows another tenant's thread with the same key", async () => {
    await modelStandin.answer({ kind: "clarify", question: QUESTION });
    await runText(admin, ASK);

    // Another tenant now holds the same Slack team and writes in the same thread.
    const other = await bootstrap(`threads-other-${n}`);
    await modelStandin.answer(closePlan);
    const theirs = await runText(other, ANSWER);
    expect(await lastPrompt()).not.toContain(ASK);
    expect(await drafted(other.key, theirs.traceId)).not.toHaveProperty("thread");
  });

  it("prunes turns past TRACE_RETENTION_DAYS with the trace payloads", async () => {
    await modelStandin.answer({ kind: "clarify", question: QUESTION });
    await runText(admin, ASK);
    expect(await turnRows(admin.tenantId)).toBe(2);
    const run = (days: number) => worker.scheduled(createScheduledController({ scheduledTime: Date.now() + days * 86_400_000, cron: "*/5 * * * *" }), env);
    await run(89);
    expect(await turnRows(admin.tenantId)).toBe(2);
    await run(91);
    expect(await turnRows(admin.tenantId)).toBe(0);
  });
});
