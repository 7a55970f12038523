import { beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, ensureBound } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { deliverHandoff, runAlarms, submit } from "../../support/runtime.ts";
import { standin } from "../../support/standin.ts";
import { runText, slackThread } from "../../governance/support.ts";

interface Sent {
  messages: { content: string }[];
  response_format: { json_schema: { schema: { anyOf: { properties: { kind: { const: string }; steps?: { items: { anyOf: { properties: { tool: { const: string } } }[] } } } }[] } } };
}

/** What the model was sent: the tools its answer schema allows and the prompt's text. */
async function lastRequest(): Promise<{ schemaTools: string[]; text: string }> {
  const calls = await modelStandin.calls();
  const sent = JSON.parse(calls.at(-1)?.body ?? "{}") as Sent;
  const plan = sent.response_format.json_schema.schema.anyOf.find((b) => b.properties.kind.const === "plan");
  const schemaTools = (plan?.properties.steps?.items.anyOf ?? []).map((s) => s.properties.tool.const).sort();
  return { schemaTools, text: sent.messages.map((m) => m.content).join("\n") };
}

async function traceOf(key: string, traceId: string): Promise<{ type: string; payload?: Record<string, unknown> }[]> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key });
  return ((await res.json()) as { events: { type: string; payload?: Record<string, unknown> }[] }).events;
}

async function detail(key: string, executionId: string) {
  return (await (await call("GET", `/v1/executions/${executionId}`, { key })).json()) as { status: string; rejectionReasons: { code: string; message: string }[] };
}

const closeIssue = { kind: "plan", steps: [{ key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7 }, after: [] }] };

let admin: Admin;
let n = 0;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap(`offered-${++n}`);
});

describe("the model chooses only among the tools the requester could be allowed", () => {
  it("offers a narrowed key's tools only, and rejects an answer naming another as TOOL_NOT_OFFERED", async () => {
    const narrowed = await createKey(admin, [{ capability: "control-plane.core", tools: ["channel.reply", "github.issue.comment"] } as unknown as string]);
    await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
    await modelStandin.answer(closeIssue);
    const submitted = await submit(narrowed.key, { channel: "slack", replyTo: slackThread, text: "please close acme/web#7 for me" });
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);

    const sent = await lastRequest();
    expect(sent.schemaTools).toEqual(["channel.reply", "github.issue.comment"]);
    expect(sent.text).not.toContain("github.issue.close");
    expect(sent.text).toContain("- github.issue.comment");

    const view = await detail(admin.key, submitted.executionId);
    expect(view.status).toBe("rejected");
    expect(view.rejectionReasons[0]?.code).toBe("TOOL_NOT_OFFERED");
    expect(view.rejectionReasons[0]?.message).toContain("github.issue.close");
    const trace = await traceOf(admin.key, submitted.traceId);
    const drafted = trace.find((e) => e.type === "controlPlane.plan.drafted")?.payload as { offeredTools: string[] };
    expect(drafted.offeredTools).toEqual(["channel.reply", "github.issue.comment"]);
    // Never executed: nothing reached GitHub; the reply says why.
    expect((await standin.requests()).filter((r) => r.host === "github.standin")).toEqual([]);
    const replies = (await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage")).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(replies[0]).toContain("nothing was done");

    // Replay reads the recorded answer against the recorded offer, and re-derives the same offer.
    const replayed = await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key, body: {} });
    expect(await replayed.json()).toMatchObject({ outcome: "consistent" });
  });

  it("leaves out what the tenant's policy denies to model-drafted steps, and still plans with the rest", async () => {
    const policy = {
      schema: "control-plane.policy/1",
      name: "no-model-posts",
      rules: [
        { id: "no-model-posts", match: { tools: ["slack.message.post"], draftSources: ["model"] }, effect: "deny" },
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
        { id: "rest", match: { risks: ["medium", "high"] }, effect: "require_approval", approval: { group: "approvers", quorum: 1, timeoutSeconds: 600 } },
      ],
    };
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} })).status).toBe(200);

    await modelStandin.answer({ kind: "plan", steps: [{ key: "post", tool: "slack.message.post", input: { channel: "C024BE7LR", text: "hi" }, after: [] }] });
    const denied = await runText(admin, "could you share hi with the team channel");
    const sent = await lastRequest();
    expect(sent.schemaTools).not.toContain("slack.message.post");
    expect(sent.schemaTools).toContain("github.issue.close");
    expect((await detail(admin.key, denied.executionId)).rejectionReasons[0]?.code).toBe("TOOL_NOT_OFFERED");
    expect((await standin.requests()).filter((r) => r.path.endsWith("/chat.postMessage") && r.body.includes('"C024BE7LR"'))).toEqual([]);

    // The grammar is not the model: the same post typed as a command is offered nothing and judged by the same policy.
    await modelStandin.answer({ kind: "plan", steps: [{ key: "hi", tool: "channel.reply", input: { text: "hello" }, after: [] }] });
    const allowed = await runText(admin, "please say hello");
    expect((await detail(admin.key, allowed.executionId)).status).toBe("succeeded");
  });

  it("offers no plan at all to a key whose grant admits no tool the policy could allow", async () => {
    const policy = {
      schema: "control-plane.policy/1",
      name: "replies-only",
      rules: [{ id: "replies", match: { tools: ["channel.reply"] }, effect: "allow" }],
    };
    expect((await call("POST", "/v1/policies", { key: admin.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: admin.key, body: {} })).status).toBe(200);
    const narrowed = await createKey(admin, [{ capability: "control-plane.core", tools: ["github.*"] } as unknown as string]);
    await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
    await modelStandin.answer(closeIssue);
    const submitted = await submit(narrowed.key, { channel: "slack", replyTo: slackThread, text: "please close acme/web#7 for me" });
    await deliverHandoff(submitted, admin.tenantId);
    await runAlarms(submitted.executionId);
    const sent = await lastRequest();
    expect(sent.schemaTools).toEqual([]);
    expect(sent.text).toContain("no tool is available");
    expect((await detail(admin.key, submitted.executionId)).rejectionReasons[0]?.code).toBe("TOOL_NOT_OFFERED");
  });
});
