import { describe, expect, it } from "vitest";
import { bootstrap, call, createKey, ensureBound, problem } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { approve, approver, firstStep, slackThread, viewOf } from "../governance/support.ts";

interface TraceEvent {
  type: string;
  actor: { type: string; id: string };
  payload?: { intent?: { actor: { type: string; id: string }; submittedBy?: { keyId: string; principalId: string } } };
}

async function received(key: string, traceId: string): Promise<TraceEvent | undefined> {
  const trace = (await (await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key })).json()) as { events: TraceEvent[] };
  return trace.events.find((e) => e.type === "controlPlane.intent.received");
}

describe("the requester of an API intent is the calling key's principal", () => {
  it("refuses an approver's intent that names someone else as actor, so they cannot then approve their own request", async () => {
    const admin = await bootstrap("req-borrow");
    await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
    const ann = await approver(admin);
    const borrowed = await call("POST", "/v1/intents", {
      key: ann.key,
      body: { actor: { type: "human", id: "slack:T1:USOMEONE" }, channel: "slack", replyTo: slackThread, text: "close acme/web#1" },
    });
    expect(borrowed.status).toBe(400);
    const refused = await problem(borrowed);
    expect(refused.code).toBe("ACTOR_NOT_CALLER");
    expect(refused.errors?.map((e) => e.path)).toEqual(["actor"]);
    // Nothing was recorded for the refused request.
    expect(((await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] }).items).toEqual([]);

    // The same request without the borrowed actor is Ann's own, and her approval does not count.
    const own = await submit(ann.key, { channel: "slack", replyTo: slackThread, text: "close acme/web#1" });
    await deliverHandoff(own, admin.tenantId);
    await runAlarms(own.executionId);
    const view = await viewOf(admin.key, own.executionId);
    const step = firstStep(view);
    expect(step.state).toBe("waiting_approval");
    const self = await approve(ann.key, own.executionId, step.stepId);
    expect(self.status).toBe(403);
    expect((await problem(self)).code).toBe("SELF_APPROVAL_FORBIDDEN");
  });

  it("refuses another principal's id (borrowing its roles) and the caller's own id under another type", async () => {
    const admin = await bootstrap("req-roles");
    const service = await createKey(admin, ["control-plane.core"]);
    const asAdmin = await call("POST", "/v1/intents", { key: service.key, body: { actor: { type: "human", id: admin.principalId }, channel: "api", replyTo: { kind: "none" }, text: "reply hi" } });
    expect((await problem(asAdmin)).code).toBe("ACTOR_NOT_CALLER");
    // The bootstrap admin is a human: naming itself as a service is not the caller either.
    const wrongType = await call("POST", "/v1/intents", { key: admin.key, body: { actor: { type: "service", id: admin.principalId }, channel: "api", replyTo: { kind: "none" }, text: "reply hi" } });
    expect(wrongType.status).toBe(400);
    expect((await problem(wrongType)).code).toBe("ACTOR_NOT_CALLER");
    const preview = await call("POST", "/v1/plans/compile", { key: service.key, body: { actor: { type: "human", id: admin.principalId }, text: "reply hi" } });
    expect((await problem(preview)).errors?.[0]?.path).toBe("actor");
    // Naming exactly oneself is accepted (clients that echo the actor keep working).
    const echoed = await call("POST", "/v1/intents", { key: service.key, body: { actor: { type: "service", id: service.principalId }, channel: "api", replyTo: { kind: "none" }, text: "reply hi" } });
    expect(echoed.status).toBe(202);
  });

  it("records the submitting key and principal on the intent and in intent.received, with the principal's real type", async () => {
    const admin = await bootstrap("req-record");
    const submitted = await submit(admin.key, { channel: "api", replyTo: { kind: "none" }, text: "reply recorded" });
    await deliverHandoff(submitted, admin.tenantId);
    const event = await received(admin.key, submitted.traceId);
    expect(event?.actor).toEqual({ type: "human", id: admin.principalId });
    expect(event?.payload?.intent?.actor).toEqual({ type: "human", id: admin.principalId });
    expect(event?.payload?.intent?.submittedBy).toEqual({ keyId: admin.keyId, principalId: admin.principalId });
    const replay = await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key });
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
  });

  it("execution.start refuses an intent whose actor is not the caller, and starts a preview of the caller's own made with another of its keys", async () => {
    const admin = await bootstrap("req-start");
    const other = await createKey(admin, ["control-plane.core"]);
    const compiled = (await (await call("POST", "/v1/plans/compile", { key: other.key, body: { text: "reply reviewed" } })).json()) as {
      intent: { actor: { type: string; id: string } };
      plan: { digest: string };
    };
    expect(compiled.intent.actor).toEqual({ type: "service", id: other.principalId });
    const stolen = await call("POST", "/v1/executions", { key: admin.key, body: { intent: compiled.intent, expectedDigest: compiled.plan.digest } });
    expect(stolen.status).toBe(400);
    const refused = await problem(stolen);
    expect(refused.code).toBe("ACTOR_NOT_CALLER");
    expect(refused.errors?.[0]?.path).toBe("intent.actor");

    const second = await call("POST", "/v1/keys", { key: admin.key, body: { name: "second", capabilities: ["control-plane.core"], principalId: other.principalId } });
    const secondKey = (await second.json()) as { key: string; keyId: string };
    const started = await call("POST", "/v1/executions", { key: secondKey.key, body: { intent: compiled.intent, expectedDigest: compiled.plan.digest } });
    expect(started.status).toBe(202);
    const run = (await started.json()) as { intentId: string; executionId: string; traceId: string; status: string };
    await deliverHandoff(run, admin.tenantId);
    const event = await received(admin.key, run.traceId);
    expect(event?.payload?.intent?.submittedBy).toEqual({ keyId: secondKey.keyId, principalId: other.principalId });
  });
});
