import { describe, expect, it } from "vitest";
import { bootstrap, call, ensureBound } from "../support/api.ts";
import { deliverHandoff, runAlarms, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";

describe("intent to completed execution", () => {
  it("runs a low-risk reply in its Slack thread and traces every step", async () => {
    const admin = await bootstrap("smoke");
    await ensureBound(admin, { provider: "slack", externalId: "T0THREAD" });
    const submitted = await submit(admin.key, {
      channel: "slack",
      replyTo: { kind: "slack", teamId: "T0THREAD", channelId: "C1", threadTs: "1700000000.000001" },
      text: "reply hello there",
    });
    expect(submitted.status).toBe("queued");
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);

    const res = await call("GET", `/v1/executions/${submitted.executionId}`, { key: admin.key });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { status: string; steps: { state: string; verdict: { verdict: string } | null }[] };
    expect(view.status).toBe("succeeded");
    expect(view.steps[0]?.state).toBe("succeeded");
    expect(view.steps[0]?.verdict?.verdict).toBe("autonomous");

    const sent = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage"));
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? "{}")).toMatchObject({ channel: "C1", thread_ts: "1700000000.000001", text: "hello there" });

    const trace = await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true`, { key: admin.key });
    const body = (await trace.json()) as { events: { type: string }[]; chain: { valid: boolean } };
    expect(body.chain.valid).toBe(true);
    expect(body.events.map((e) => e.type)).toEqual([
      "controlPlane.intent.received",
      "controlPlane.plan.compiled",
      "controlPlane.execution.policy_pinned",
      "controlPlane.execution.started",
      "controlPlane.execution.step.started",
      "controlPlane.execution.step.completed",
      "controlPlane.execution.completed",
    ]);

    const replay = await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
  });
});
