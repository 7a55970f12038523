import { runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { executionStub, runAlarms } from "../../support/runtime.ts";
import { standin } from "../../support/standin.ts";
import { approver, runText, viewOf } from "../../governance/support.ts";

interface TraceEvent {
  type: string;
  actor: { type: string; id: string };
  payload?: Record<string, unknown>;
}

interface Detail {
  status: string;
  planId: string | null;
  planDigest: string | null;
  steps: { key: string; state: string }[];
  rejectionReasons: { code: string; message: string }[];
}

async function traceOf(key: string, traceId: string): Promise<TraceEvent[]> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: TraceEvent[] }).events;
}

async function detail(key: string, executionId: string): Promise<Detail> {
  return (await viewOf(key, executionId)) as unknown as Detail;
}

async function slackReplies(): Promise<string[]> {
  return (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage")).map((r) => (JSON.parse(r.body) as { text: string }).text);
}

const closeFlaky = {
  kind: "plan",
  steps: [
    { key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7, reason: "completed" }, after: [] },
    { key: "tell", tool: "channel.reply", input: { text: "Closed acme/web#7" }, after: ["close"] },
  ],
};
const PROSE = "can you close the flaky-test issue in acme/web (#7) and tell the channel";

let admin: Admin;
let n = 0;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap(`planner-${++n}`);
});

describe("the planner's model reads only what the grammar cannot", () => {
  it("never sends grammar text to the model", async () => {
    const run = await runText(admin, "reply hello there");
    expect(await modelStandin.calls()).toEqual([]);
    const trace = await traceOf(admin.key, run.traceId);
    expect(trace.map((e) => e.type)).not.toContain("controlPlane.plan.drafted");
    expect((await detail(admin.key, run.executionId)).status).toBe("succeeded");
  });

  it("answers a command with bad arguments with the grammar's usage, not a model's guess", async () => {
    const run = await runText(admin, "close acme/web");
    expect(await modelStandin.calls()).toEqual([]);
    expect((await detail(admin.key, run.executionId)).rejectionReasons[0]?.code).toBe("INVALID_ARGUMENTS");
  });
});

describe("a model-drafted plan runs only after its requester confirms it", () => {
  it("records the call, waits for confirmation, refuses others and changed plans, then goes through policy", async () => {
    await modelStandin.answer(closeFlaky);
    const run = await runText(admin, PROSE);

    const [request] = await modelStandin.calls();
    expect(request).toBeDefined();
    const sent = JSON.parse(request?.body ?? "{}") as { model: string; messages: { content: string }[]; response_format: { type: string; json_schema: { strict: boolean; schema: { anyOf: unknown[] } } } };
    expect(sent.model).toBe("standin-model");
    expect(sent.response_format.type).toBe("json_schema");
    expect(sent.response_format.json_schema.schema.anyOf).toHaveLength(3);
    expect(sent.response_format.json_schema.strict).toBe(false);
    // No secret or reply target reaches the model.
    expect(request?.body).not.toContain("xoxb-test-token");
    expect(request?.body).not.toContain("T0THREAD");

    const waiting = await detail(admin.key, run.executionId);
    expect(waiting.status).toBe("queued");
    expect(waiting.steps).toEqual([]);
    expect(waiting.planDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((await standin.requests()).filter((r) => r.host === "github.standin")).toEqual([]);

    const trace = await traceOf(admin.key, run.traceId);
    const types = trace.map((e) => e.type);
    expect(types).toEqual([
      "controlPlane.intent.received",
      "controlPlane.plan.drafted",
      "controlPlane.plan.compiled",
      "controlPlane.execution.policy_pinned",
      "controlPlane.plan.confirmation_requested",
      // The plan is shown in the requester's thread (channel-confirmation.test.ts covers the channels).
      "controlPlane.plan.confirmation_notice_sending",
      "controlPlane.plan.confirmation_notice_sent",
    ]);
    const drafted = trace[1]?.payload as { call: { outcome: string; raw: string }; usage: { totalTokens: number }; request: { model: string; digest: string }; responseDigest: string };
    expect(drafted.call).toEqual({ outcome: "answered", raw: JSON.stringify(closeFlaky) });
    expect(drafted.usage.totalTokens).toBe(366);
    expect(drafted.request.model).toBe("standin-model");
    const compiled = trace[2]?.payload as { plan: { interpreter: { name: string; version: string } } };
    expect(compiled.plan.interpreter).toEqual({ name: "control-plane.model", version: `1.0.0+${drafted.responseDigest}` });

    // Someone else, even an approver of the tenant, cannot release it.
    const other = await approver(admin);
    const byOther = await call("POST", `/v1/executions/${run.executionId}/confirm`, { key: other.key, body: { planDigest: waiting.planDigest } });
    expect(byOther.status).toBe(403);
    expect((await problem(byOther)).code).toBe("NOT_REQUESTER");
    // The requester cannot confirm a plan other than the one shown.
    const changed = await call("POST", `/v1/executions/${run.executionId}/confirm`, { key: admin.key, body: { planDigest: "0".repeat(64) } });
    expect(changed.status).toBe(409);
    expect((await problem(changed)).code).toBe("PLAN_CHANGED");
    expect((await detail(admin.key, run.executionId)).steps).toEqual([]);

    const confirmed = await call("POST", `/v1/executions/${run.executionId}/confirm`, { key: admin.key, body: { planDigest: waiting.planDigest } });
    expect(confirmed.status).toBe(200);
    await runAlarms(run.executionId);
    // Confirmed, the plan meets policy like any other: closing an issue is high risk and waits for approvers.
    const after = await detail(admin.key, run.executionId);
    expect(after.steps.map((s) => [s.key, s.state])).toEqual([["close", "waiting_approval"], ["tell", "pending"]]);
    expect((await standin.requests()).filter((r) => r.host === "github.standin")).toEqual([]);
    const resolved = (await traceOf(admin.key, run.traceId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved");
    expect(resolved?.payload).toMatchObject({ decision: "confirmed", planDigest: waiting.planDigest, by: { id: admin.principalId }, via: "api" });

    const again = await call("POST", `/v1/executions/${run.executionId}/confirm`, { key: admin.key, body: { planDigest: waiting.planDigest } });
    expect((await problem(again)).code).toBe("CONFIRMATION_NOT_PENDING");
    // Every refusal is evidence too, with who asked and from where.
    const refused = (await traceOf(admin.key, run.traceId)).filter((e) => e.type === "controlPlane.plan.confirmation_refused").map((e) => e.payload);
    expect(refused).toMatchObject([
      { code: "NOT_REQUESTER", via: "api", by: { id: other.principalId } },
      { code: "PLAN_CHANGED", via: "api", by: { id: admin.principalId } },
      { code: "CONFIRMATION_NOT_PENDING", via: "api" },
    ]);

    // Replay feeds the recorded answer back: consistent, and the model is not asked again.
    const replayed = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: {} });
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toMatchObject({ outcome: "consistent", recordedPlanDigest: waiting.planDigest, replayedPlanDigest: waiting.planDigest });
    expect(await modelStandin.calls()).toHaveLength(1);
  });

  it("replays from the recorded answer: a rewritten answer is tampered evidence, never a silent re-plan", async () => {
    await modelStandin.answer({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "hello" }, after: [] }] });
    const run = await runText(admin, "please say hello");
    const replay = () => call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: {} });
    expect(await (await replay()).json()).toMatchObject({ outcome: "consistent" });

    // Rewrite the recorded answer so that it would plan something else.
    const other = JSON.stringify({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "goodbye" }, after: [] }] });
    await runInDurableObject(executionStub(run.executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'drafted'").toArray();
      const drafted = JSON.parse(row?.v ?? "{}") as { call: { raw: string } };
      drafted.call.raw = other;
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'drafted'", JSON.stringify(drafted));
    });
    const tampered = await replay();
    expect(tampered.status).toBe(409);
    expect((await problem(tampered)).code).toBe("TRACE_PAYLOAD_TAMPERED");
    expect(await modelStandin.calls()).toHaveLength(1);
  });

  it("runs a plan of low-risk steps only at once", async () => {
    await modelStandin.answer({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "Hello from the planner" }, after: [] }] });
    const run = await runText(admin, "please say hello to everyone");
    expect((await detail(admin.key, run.executionId)).status).toBe("succeeded");
    expect(await slackReplies()).toContain("Hello from the planner");
  });

  it("lets a tenant's policy require approval for what a model drafted, while the same grammar step runs", async () => {
    const policy = {
      schema: "control-plane.policy/1",
      name: "model-drafts-need-approval",
      rules: [
        { id: "model-drafted", match: { draftSources: ["model"] }, effect: "require_approval", approval: { group: "approvers", quorum: 1, timeoutSeconds: 600 } },
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
      ],
    };
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} })).status).toBe(200);

    const typed = await runText(admin, "reply hello");
    expect((await detail(admin.key, typed.executionId)).status).toBe("succeeded");

    await modelStandin.answer({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "hello" }, after: [] }] });
    const drafted = await runText(admin, "please say hello");
    const view = await detail(admin.key, drafted.executionId);
    expect(view.steps.map((s) => [s.key, s.state])).toEqual([["hi", "waiting_approval"]]);
    const pinned = (await traceOf(admin.key, drafted.traceId)).find((e) => e.type === "controlPlane.execution.policy_pinned");
    expect(pinned?.payload).toMatchObject({ context: { draftSource: "model" } });
  });

  it("cancels an unconfirmed plan when its confirmation expires", async () => {
    await modelStandin.answer(closeFlaky);
    const run = await runText(admin, PROSE);
    const waiting = await detail(admin.key, run.executionId);
    await runInDurableObject(executionStub(run.executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'confirmation'").toArray();
      const pending = JSON.parse(row?.v ?? "{}") as { expiresAt: string };
      pending.expiresAt = new Date(Date.now() - 1000).toISOString();
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'confirmation'", JSON.stringify(pending));
    });
    await runAlarms(run.executionId);
    expect((await detail(admin.key, run.executionId)).status).toBe("cancelled");
    const late = await call("POST", `/v1/executions/${run.executionId}/confirm`, { key: admin.key, body: { planDigest: waiting.planDigest } });
    expect((await problem(late)).code).toBe("CONFIRMATION_EXPIRED");
    const resolved = (await traceOf(admin.key, run.traceId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved");
    expect(resolved?.payload).toMatchObject({ decision: "expired" });
  });
});

describe("every other answer is a reply, and nothing runs", () => {
  async function rejectedWith(text: string, code: string) {
    const run = await runText(admin, text);
    const view = await detail(admin.key, run.executionId);
    expect(view.status).toBe("rejected");
    expect(view.rejectionReasons[0]?.code).toBe(code);
    const trace = await traceOf(admin.key, run.traceId);
    expect(trace.map((e) => e.type).slice(0, 3)).toEqual(["controlPlane.intent.received", "controlPlane.plan.drafted", "controlPlane.plan.rejected"]);
    expect((await standin.requests()).filter((r) => r.host === "github.standin")).toEqual([]);
    return { trace, replies: await slackReplies() };
  }

  it("asks the model's one question in the thread", async () => {
    await modelStandin.answer({ kind: "clarify", question: "Which repository is the flaky-test issue in?" });
    const { replies } = await rejectedWith("the flaky-test issue should be closed", "CLARIFICATION_NEEDED");
    expect(replies).toEqual(["Which repository is the flaky-test issue in?"]);
  });

  it("passes on a refusal with its reason", async () => {
    await modelStandin.answer({ kind: "refuse", reason: "No tool can delete a repository." });
    const { replies } = await rejectedWith("delete the acme/web repository", "MODEL_REFUSED");
    expect(replies[0]).toContain("No tool can delete a repository.");
  });

  it("records an answer outside the schema as MODEL_OUTPUT_INVALID and never repairs it", async () => {
    const invalid = { kind: "plan", steps: [{ key: "x", tool: "shell.exec", input: { command: "rm -rf /" }, after: [] }] };
    await modelStandin.answer(invalid);
    const { trace, replies } = await rejectedWith("wipe the server please", "MODEL_OUTPUT_INVALID");
    expect((trace[1]?.payload as { call: { raw: string } }).call.raw).toBe(JSON.stringify(invalid));
    expect(replies[0]).toContain("nothing was done");
  });

  it("records prose that is not JSON as MODEL_OUTPUT_INVALID", async () => {
    await modelStandin.answer("Sure! I closed it for you.");
    const { trace } = await rejectedWith("please close it for me, thanks", "MODEL_OUTPUT_INVALID");
    expect((trace[1]?.payload as { call: { raw: string } }).call.raw).toBe("Sure! I closed it for you.");
  });

  it("answers a model that does not answer in time with MODEL_TIMEOUT", async () => {
    await modelStandin.answer({ kind: "refuse", reason: "too late" }, { delayMs: 4000 });
    const { trace, replies } = await rejectedWith("please close the flaky issue", "MODEL_TIMEOUT");
    expect((trace[1]?.payload as { call: unknown }).call).toMatchObject({ outcome: "failed", code: "MODEL_TIMEOUT" });
    expect(replies[0]).toContain("did not answer in time");
  });

  it("retries a 5xx once, then answers MODEL_UNAVAILABLE", async () => {
    await modelStandin.fail(503, 2);
    const { trace, replies } = await rejectedWith("please close the flaky issue", "MODEL_UNAVAILABLE");
    expect(await modelStandin.calls()).toHaveLength(2);
    expect((trace[1]?.payload as { call: unknown }).call).toMatchObject({ outcome: "failed", code: "MODEL_UNAVAILABLE" });
    expect(replies[0]).toContain("unavailable");
  });
});
