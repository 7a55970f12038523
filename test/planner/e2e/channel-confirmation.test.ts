import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, ensureBound } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { executionStub, runAlarms } from "../../support/runtime.ts";
import { type RecordedRequest, standin } from "../../support/standin.ts";
import { githubIssueComment, metaBatch, metaMessage, slackBlockActions, slackMention, twilioInbound } from "../../channels/support/payloads.ts";
import { drive, githubSigned, metaSigned, post, slackEvent, slackFormPost, twilioSigned } from "../../channels/e2e/support.ts";
import { slackPlanValue, whatsappPlanButtonId } from "../../../contracts/common/plan-confirmation-controls.ts";
import { confirmationCode } from "../../../engine/planner/confirmation-code.ts";
import { registry } from "../../../contracts/index.ts";

interface TraceEvent {
  type: string;
  payload?: Record<string, unknown>;
}

const closeFlaky = {
  kind: "plan",
  steps: [
    { key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7, reason: "completed" }, after: [] },
    { key: "tell", tool: "channel.reply", input: { text: "Closed acme/web#7" }, after: ["close"] },
  ],
};
const PROSE = "can you close the flaky-test issue in acme/web (#7) and tell the channel";

let admin: Admin | undefined;
/** Channel traffic here has no binding: it runs as DEFAULT_TENANT, whose admin reads traces. */
async function defaultAdmin(): Promise<Admin> {
  admin ??= await bootstrap("default-tenant");
  return admin;
}

let n = 0;
let requests = 0;
beforeEach(async () => {
  n++;
  await standin.reset();
});

/** The execution's trace, each payload checked against its event contract and the chain verified. */
async function traceOf(executionId: string): Promise<TraceEvent[]> {
  const key = (await defaultAdmin()).key;
  const view = (await (await call("GET", `/v1/executions/${executionId}`, { key })).json()) as { traceId: string };
  const res = await call("GET", `/v1/traces/${view.traceId}?includePayloads=true`, { key });
  const body = (await res.json()) as { events: TraceEvent[]; chain: { valid: boolean } };
  expect(body.chain.valid).toBe(true);
  for (const event of body.events) {
    const contract = registry.getEvent(event.type);
    expect(contract, event.type).toBeDefined();
    const parsed = contract?.payload.safeParse(event.payload);
    expect(parsed?.success, `${event.type}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
  }
  return body.events;
}

async function view(executionId: string): Promise<{ status: string; planDigest: string; steps: { key: string; state: string }[] }> {
  return (await (await call("GET", `/v1/executions/${executionId}`, { key: (await defaultAdmin()).key })).json()) as never;
}

/** A Slack mention with plain-language text, through the webhook, the queue and the execution. */
async function slackRequest(): Promise<{ executionId: string; prompt: RecordedRequest }> {
  await defaultAdmin();
  await modelStandin.answer(closeFlaky);
  const mention = slackMention(`<@U0BOT> ${PROSE}`);
  const m = ++requests;
  const res = await post("/webhooks/slack", await slackEvent({ ...mention, event_id: `Ev0PLAN${m}`, event: { ...mention.event, ts: `1764072000.00${m}` } }));
  expect(res.status).toBe(200);
  const [executionId] = await drive();
  if (executionId === undefined) throw new Error("no execution");
  const prompt = (await standin.requests()).find((r) => r.path.endsWith("/chat.postMessage"));
  if (prompt === undefined) throw new Error("no confirmation prompt posted");
  return { executionId, prompt };
}

/** A press on one of the prompt's buttons by `user` (the requester is U0HUMAN, who wrote the mention). */
async function press(actionId: string, value: string, user = "U0HUMAN", teamId = "T0001", trigger = `trigger.${n}.${Math.random()}`): Promise<void> {
  const form = new URLSearchParams(slackBlockActions([{ action_id: actionId, value }], teamId));
  const payload = JSON.parse(form.get("payload") ?? "{}") as { user: { id: string }; trigger_id: string };
  payload.user.id = user;
  payload.trigger_id = trigger;
  form.set("payload", JSON.stringify(payload));
  expect((await post("/webhooks/slack", await slackFormPost(form.toString()))).status).toBe(200);
}

async function refusals(executionId: string): Promise<unknown[]> {
  return (await traceOf(executionId)).filter((e) => e.type === "controlPlane.plan.confirmation_refused").map((e) => e.payload);
}

async function answers(): Promise<string[]> {
  return (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage")).map((r) => (JSON.parse(r.body) as { text: string }).text);
}

describe("Slack: the plan is shown in the thread with Confirm / Cancel", () => {
  it("shows the exact compiled steps with tier and approvers; the requester's Confirm starts it", async () => {
    const { executionId, prompt } = await slackRequest();
    const sent = JSON.parse(prompt.body) as { channel: string; thread_ts: string; text: string; blocks: { type: string; elements?: { action_id: string; value: string }[] }[] };
    expect(sent.channel).toBe("C0GENERAL");
    expect(sent.text).toContain("github.issue.close@");
    expect(sent.text).toContain('{"number":7,"owner":"acme","reason":"completed","repo":"web"}');
    expect(sent.text).toContain("tier high, needs 2 approvals from approvers, not yours");
    expect(sent.text).toContain("tell: channel.reply@");
    const actions = sent.blocks.find((b) => b.type === "actions")?.elements ?? [];
    expect(actions.map((a) => a.action_id)).toEqual(["cp.plan.confirm", "cp.plan.cancel"]);
    const { planDigest } = await view(executionId);
    expect(JSON.parse(actions[0]?.value ?? "{}")).toEqual({ executionId, planDigest });
    // What was shown is in the trace, before it left.
    const sending = (await traceOf(executionId)).find((e) => e.type === "controlPlane.plan.confirmation_notice_sending");
    expect(sending?.payload).toMatchObject({ kind: "prompt", channel: "slack", planDigest, format: "slack_blocks", text: sent.text });

    await standin.reset();
    await press("cp.plan.confirm", slackPlanValue({ executionId, planDigest }));
    await runAlarms(executionId);
    expect((await view(executionId)).steps.map((s) => [s.key, s.state])).toEqual([["close", "waiting_approval"], ["tell", "pending"]]);
    const resolved = (await traceOf(executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved");
    expect(resolved?.payload).toMatchObject({ decision: "confirmed", planDigest, via: "slack" });
    expect((await answers()).some((t) => t.startsWith("Confirmed"))).toBe(true);
  });

  it("refuses someone else's press with NOT_REQUESTER, a stale digest with PLAN_CHANGED, and says so in the thread", async () => {
    const { executionId } = await slackRequest();
    const { planDigest } = await view(executionId);
    await standin.reset();
    await press("cp.plan.confirm", slackPlanValue({ executionId, planDigest }), "U0SOMEONE");
    await press("cp.plan.confirm", slackPlanValue({ executionId, planDigest: "0".repeat(64) }));
    expect(await refusals(executionId)).toMatchObject([
      { code: "NOT_REQUESTER", decision: "confirm", via: "slack", by: { id: expect.stringContaining("") } },
      { code: "PLAN_CHANGED", decision: "confirm", via: "slack", planDigest: "0".repeat(64) },
    ]);
    expect((await view(executionId)).steps).toEqual([]);
    const said = await answers();
    expect(said.some((t) => t.includes("Only the person who asked") && t.includes("NOT_REQUESTER"))).toBe(true);
    expect(said.some((t) => t.includes("PLAN_CHANGED"))).toBe(true);
  });

  it("a second Confirm is refused CONFIRMATION_NOT_PENDING; a provider retry of the same press decides nothing twice", async () => {
    const { executionId } = await slackRequest();
    const value = slackPlanValue({ executionId, planDigest: (await view(executionId)).planDigest });
    await press("cp.plan.confirm", value, "U0HUMAN", "T0001", `retry.${n}`);
    await press("cp.plan.confirm", value, "U0HUMAN", "T0001", `retry.${n}`);
    await press("cp.plan.confirm", value);
    const trace = await traceOf(executionId);
    expect(trace.filter((e) => e.type === "controlPlane.plan.confirmation_resolved")).toHaveLength(1);
    expect(await refusals(executionId)).toMatchObject([{ code: "CONFIRMATION_NOT_PENDING" }]);
  });

  it("Cancel by the requester cancels; a press after expiry is refused CONFIRMATION_EXPIRED", async () => {
    const cancelled = await slackRequest();
    await press("cp.plan.cancel", slackPlanValue({ executionId: cancelled.executionId, planDigest: (await view(cancelled.executionId)).planDigest }));
    expect((await view(cancelled.executionId)).status).toBe("cancelled");
    expect((await traceOf(cancelled.executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved")?.payload).toMatchObject({ decision: "cancelled", via: "slack" });

    const late = await slackRequest();
    await runInDurableObject(executionStub(late.executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'confirmation'").toArray();
      const pending = JSON.parse(row?.v ?? "{}") as { expiresAt: string };
      pending.expiresAt = new Date(Date.now() - 1000).toISOString();
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'confirmation'", JSON.stringify(pending));
    });
    await press("cp.plan.confirm", slackPlanValue({ executionId: late.executionId, planDigest: (await view(late.executionId)).planDigest }));
    expect(await refusals(late.executionId)).toMatchObject([{ code: "CONFIRMATION_EXPIRED" }]);
    expect((await view(late.executionId)).status).toBe("cancelled");
    expect((await traceOf(late.executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved")?.payload).toMatchObject({ decision: "expired", via: "timer" });
    expect((await answers()).filter((t) => t.includes("CONFIRMATION_EXPIRED"))).toHaveLength(1);
  });

  it("tells the requester in the thread when the confirmation lapses unanswered", async () => {
    const { executionId } = await slackRequest();
    await runInDurableObject(executionStub(executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'confirmation'").toArray();
      const pending = JSON.parse(row?.v ?? "{}") as { expiresAt: string };
      pending.expiresAt = new Date(Date.now() - 1000).toISOString();
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'confirmation'", JSON.stringify(pending));
    });
    await standin.reset();
    await runAlarms(executionId);
    expect((await view(executionId)).status).toBe("cancelled");
    expect((await answers()).some((t) => t.startsWith("The time to confirm this plan has passed"))).toBe(true);
  });

  it("a press from another tenant's workspace naming this execution, or naming a flipped execution id, changes nothing", async () => {
    const { executionId } = await slackRequest();
    const other = await bootstrap(`other-${n}`);
    await ensureBound(other, { provider: "slack", externalId: "T0OTHER" });
    await press("cp.plan.confirm", slackPlanValue({ executionId, planDigest: (await view(executionId)).planDigest }), "U0HUMAN", "T0OTHER");
    // A flipped character in the execution id names no execution of the tenant.
    const flipped = `${executionId.slice(0, -1)}${executionId.endsWith("0") ? "1" : "0"}`;
    await press("cp.plan.confirm", slackPlanValue({ executionId: flipped, planDigest: (await view(executionId)).planDigest }));
    expect((await view(executionId)).steps).toEqual([]);
    expect(await refusals(executionId)).toEqual([]);
    expect((await traceOf(executionId)).filter((e) => e.type === "controlPlane.plan.confirmation_resolved")).toEqual([]);
  });
});

describe("a prompt that cannot be posted", () => {
  it("is traced as failed, retried from the alarm within its bound, and the plan keeps waiting", async () => {
    await standin.script([{ match: "/chat.postMessage", status: 503, body: { ok: false, error: "service_unavailable" } }]);
    const mention = slackMention(`<@U0BOT> ${PROSE}`);
    await defaultAdmin();
    await modelStandin.answer(closeFlaky);
    await post("/webhooks/slack", await slackEvent({ ...mention, event_id: `Ev0FAIL${n}`, event: { ...mention.event, ts: `1764079999.00${n}` } }));
    const [executionId] = await drive();
    if (executionId === undefined) throw new Error("no execution");
    const failed = (await traceOf(executionId)).filter((e) => e.type === "controlPlane.plan.confirmation_notice_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.payload).toMatchObject({ attempt: 1, retryable: true });
    expect((await view(executionId)).status).toBe("queued");

    // The retry's time comes: the alarm posts it.
    await runInDurableObject(executionStub(executionId), (_instance: unknown, state: DurableObjectState) => {
      const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'confirmationNotices'").toArray();
      const records = JSON.parse(row?.v ?? "{}") as Record<string, { nextAttemptAt: string | null }>;
      for (const r of Object.values(records)) r.nextAttemptAt = new Date(Date.now() - 1000).toISOString();
      state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'confirmationNotices'", JSON.stringify(records));
    });
    await runAlarms(executionId);
    const trace = await traceOf(executionId);
    expect(trace.filter((e) => e.type === "controlPlane.plan.confirmation_notice_sent")).toHaveLength(1);
    expect(trace.filter((e) => e.type === "controlPlane.plan.confirmation_notice_sending").map((e) => e.payload?.attempt)).toEqual([1, 2]);
  });
});

describe("WhatsApp through Meta: interactive reply buttons", () => {
  it("sends Confirm / Cancel reply buttons and a button_reply from the requester confirms", async () => {
    await defaultAdmin();
    await modelStandin.answer(closeFlaky);
    const from = "16505550101";
    await post("/webhooks/whatsapp", await metaSigned(metaBatch([[{ messages: [metaMessage(`wamid.plan${n}`, from, PROSE)] }]])));
    const [executionId] = await drive();
    if (executionId === undefined) throw new Error("no execution");
    const { planDigest } = await view(executionId);
    const prompt = (await standin.requests()).find((r) => r.host === "graph.standin");
    const sent = JSON.parse(prompt?.body ?? "{}") as { type: string; to: string; interactive: { type: string; body: { text: string }; action: { buttons: { reply: { id: string; title: string } }[] } } };
    expect(sent).toMatchObject({ type: "interactive", to: from, interactive: { type: "button" } });
    expect(sent.interactive.body.text).toContain("github.issue.close@");
    expect(sent.interactive.action.buttons.map((b) => b.reply)).toEqual([
      { id: whatsappPlanButtonId("confirm", { executionId, planDigest }), title: "Confirm" },
      { id: whatsappPlanButtonId("cancel", { executionId, planDigest }), title: "Cancel" },
    ]);

    const buttonReply = { from, id: `wamid.press${n}`, timestamp: "1764072100", type: "interactive", interactive: { type: "button_reply", button_reply: { id: whatsappPlanButtonId("confirm", { executionId, planDigest }), title: "Confirm" } } };
    expect((await post("/webhooks/whatsapp", await metaSigned(metaBatch([[{ messages: [buttonReply] }]])))).status).toBe(200);
    await runAlarms(executionId);
    expect((await traceOf(executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved")?.payload).toMatchObject({ decision: "confirmed", via: "whatsapp_meta", planDigest });
    expect((await view(executionId)).steps.map((s) => s.state)).toEqual(["waiting_approval", "pending"]);
    // No new execution from the press: it was a decision, not a request.
    expect(await drive()).toEqual([]);
  });
});

describe("GitHub and Twilio: a short code", () => {
  it("GitHub: the prompt comment shows `/cp confirm <code>`, and the requester's comment with it confirms", async () => {
    await defaultAdmin();
    await modelStandin.answer(closeFlaky);
    const ask = githubIssueComment(`/cp please ${PROSE}`);
    expect((await post("/webhooks/github", await githubSigned("issue_comment", { ...ask, comment: { ...ask.comment, id: 4_000_000 + n } }, `guid-ask-${n}`))).status).toBe(202);
    const [executionId] = await drive();
    if (executionId === undefined) throw new Error("no execution");
    const { planDigest } = await view(executionId);
    const code = confirmationCode(executionId, planDigest);
    const comment = (await standin.requests()).find((r) => r.host === "github.standin" && r.path.endsWith("/comments"));
    expect((JSON.parse(comment?.body ?? "{}") as { body: string }).body).toContain(`/cp confirm ${code}`);
    const stored = await env.DB.prepare("SELECT execution_id, plan_digest FROM plan_confirmation_codes WHERE tenant_id = ? AND code = ?").bind("default-tenant", code).first();
    expect(stored).toEqual({ execution_id: executionId, plan_digest: planDigest });

    const reply = githubIssueComment(`/cp confirm ${code.toLowerCase()}`);
    expect((await post("/webhooks/github", await githubSigned("issue_comment", { ...reply, comment: { ...reply.comment, id: 5_000_000 + n } }, `guid-confirm-${n}`))).status).toBe(202);
    await runAlarms(executionId);
    expect((await traceOf(executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved")?.payload).toMatchObject({ decision: "confirmed", via: "github" });
    expect(await drive()).toEqual([]);

    // A code no plan of the tenant registered changes nothing and starts nothing.
    const unknown = githubIssueComment("/cp confirm ZZZZZZZZ");
    expect((await post("/webhooks/github", await githubSigned("issue_comment", { ...unknown, comment: { ...unknown.comment, id: 6_000_000 + n } }, `guid-unknown-${n}`))).status).toBe(202);
    expect(await drive()).toEqual([]);
    expect((await traceOf(executionId)).filter((e) => e.type === "controlPlane.plan.confirmation_resolved")).toHaveLength(1);
    expect(await refusals(executionId)).toEqual([]);
  });

  it("Twilio: `confirm <code>` from the requester's number confirms; from another number it is refused NOT_REQUESTER", async () => {
    await defaultAdmin();
    await modelStandin.answer(closeFlaky);
    const sid = (s: string) => `SM${s.padStart(32, "0")}`;
    await post("/webhooks/twilio", await twilioSigned(twilioInbound({ Body: PROSE, MessageSid: sid(`a${n}`), SmsSid: sid(`a${n}`), SmsMessageSid: sid(`a${n}`) })));
    const [executionId] = await drive();
    if (executionId === undefined) throw new Error("no execution");
    const { planDigest } = await view(executionId);
    const code = confirmationCode(executionId, planDigest);
    const prompt = (await standin.requests()).find((r) => r.host === "twilio.standin");
    expect(new URLSearchParams(prompt?.body ?? "").get("Body")).toContain(`confirm ${code}`);

    await post("/webhooks/twilio", await twilioSigned(twilioInbound({ Body: `confirm ${code}`, From: "whatsapp:+16505559999", WaId: "16505559999", MessageSid: sid(`b${n}`), SmsSid: sid(`b${n}`), SmsMessageSid: sid(`b${n}`) })));
    expect(await refusals(executionId)).toMatchObject([{ code: "NOT_REQUESTER", via: "whatsapp_twilio" }]);
    // The refusal is answered to whoever sent the code, not pushed to the requester.
    const refusal = (await standin.requests()).map((r) => new URLSearchParams(r.body)).find((f) => f.get("Body")?.includes("NOT_REQUESTER"));
    expect(refusal?.get("To")).toBe("whatsapp:+16505559999");
    await post("/webhooks/twilio", await twilioSigned(twilioInbound({ Body: `confirm ${code}`, MessageSid: sid(`c${n}`), SmsSid: sid(`c${n}`), SmsMessageSid: sid(`c${n}`) })));
    await runAlarms(executionId);
    expect((await traceOf(executionId)).find((e) => e.type === "controlPlane.plan.confirmation_resolved")?.payload).toMatchObject({ decision: "confirmed", via: "whatsapp_twilio" });
    expect(await drive()).toEqual([]);
  });
});
