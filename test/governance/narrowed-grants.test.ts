import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, ensureBound, problem } from "../support/api.ts";
import { deliverHandoff, submit } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { getExecution, runDueAlarms, SLACK_THREAD, slackPosts } from "../runtime/support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("narrow");
});
beforeEach(() => standin.reset());

const CORE = "control-plane.core";
const replyOnly = { capability: CORE, tools: ["channel.reply"], channels: ["api", "slack"] };
const commentSandbox = {
  capability: CORE,
  tools: ["github.issue.*"],
  constraints: [{ tools: ["github.issue.comment"], args: [{ path: "repo", op: "prefix", value: "sandbox" }] }],
};

const closeStep = { key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 5 } };
const replyStep = { key: "hello", tool: "channel.reply", input: { text: "hi" } };

async function narrowedKey(...grants: unknown[]) {
  return createKey(admin, grants as string[]);
}

async function refused(res: Response) {
  expect(res.status).toBe(403);
  const body = await problem(res);
  expect(body.code).toBe("GRANT_SCOPE_EXCEEDED");
  return body;
}

async function replay(executionId: string) {
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  return (await res.json()) as { outcome: string; differences: unknown[] };
}

describe("narrowed grants at the API", () => {
  it("shows a key's narrowing in create, list and view answers; an unnarrowed grant is all nulls", async () => {
    const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: "bot", capabilities: [replyOnly, "control-plane.audit"] } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { keyId: string; capabilities: string[]; grants: unknown[] };
    expect(created.capabilities).toEqual(["control-plane.audit", CORE]);
    expect(created.grants).toEqual([
      { capability: "control-plane.audit", tools: null, channels: null, constraints: null },
      { capability: CORE, tools: ["channel.reply"], channels: ["api", "slack"], constraints: null },
    ]);
    const listed = (await (await call("GET", "/v1/keys", { key: admin.key })).json()) as { items: { keyId: string; grants: unknown[] }[] };
    expect(listed.items.find((k) => k.keyId === created.keyId)?.grants).toEqual(created.grants);
  });

  it("refuses structured steps naming a tool outside the grant, with the offending step's field path", async () => {
    const key = await narrowedKey(replyOnly);
    const res = await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [replyStep, closeStep] } });
    const body = await refused(res);
    expect(body.errors).toEqual([{ path: "steps.1.tool", message: expect.stringContaining("github.issue.close") }]);
    // Nothing was recorded.
    const list = (await (await call("GET", "/v1/executions", { key: admin.key })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it("refuses a pinned version of an out-of-scope tool, and the same steps through plan.compile and execution.start", async () => {
    const key = await narrowedKey(replyOnly);
    const pinned = { ...closeStep, tool: "github.issue.close@1.0.0" };
    const submitted = await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [pinned] } });
    expect((await refused(submitted)).errors?.[0]?.path).toBe("steps.0.tool");

    const compiled = await call("POST", "/v1/plans/compile", { key: key.key, body: { steps: [closeStep] } });
    expect((await refused(compiled)).errors?.[0]?.path).toBe("steps.0.tool");

    // A plan compiled by an unnarrowed key cannot be started by the narrowed one.
    const preview = (await (await call("POST", "/v1/plans/compile", { key: admin.key, body: { steps: [closeStep] } })).json()) as {
      intent: unknown;
      plan: { digest: string };
    };
    const started = await call("POST", "/v1/executions", { key: key.key, body: { intent: preview.intent, expectedDigest: preview.plan.digest } });
    expect((await refused(started)).errors?.[0]?.path).toBe("intent.steps.0.tool");
  });

  it("refuses text that compiles to an out-of-scope tool in a plan.compile preview", async () => {
    const key = await narrowedKey(replyOnly);
    const res = await call("POST", "/v1/plans/compile", { key: key.key, body: { text: "reply ok then close acme/web#5" } });
    expect((await refused(res)).errors).toEqual([{ path: "plan.steps.1.tool", message: expect.stringContaining("github.issue.close") }]);
  });

  it("refuses an intent in, or replying to, a channel outside the grant", async () => {
    const key = await narrowedKey(replyOnly);
    const inGithub = await call("POST", "/v1/intents", {
      key: key.key,
      body: { channel: "github", replyTo: { kind: "none" }, steps: [replyStep] },
    });
    expect((await refused(inGithub)).errors?.map((e) => e.path)).toEqual(["channel"]);
    const toWhatsapp = await call("POST", "/v1/intents", {
      key: key.key,
      body: { channel: "api", replyTo: { kind: "whatsapp_meta", phoneNumberId: "1", to: "15550001" }, text: "reply hi" },
    });
    expect((await refused(toWhatsapp)).errors?.map((e) => e.path)).toEqual(["replyTo.kind"]);
  });

  it("refuses arguments that violate a constraint, and accepts those that satisfy it", async () => {
    const key = await narrowedKey(commentSandbox);
    const comment = (repo: string) => ({ key: "c", tool: "github.issue.comment", input: { owner: "acme", repo, number: 1, body: "hi" } });
    const bad = await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [comment("prod-web")] } });
    expect((await refused(bad)).errors).toEqual([{ path: "steps.0.input.repo", message: expect.stringContaining("prefix") }]);
    // A constraint whose argument is missing fails closed.
    const missing = { key: "c", tool: "github.issue.comment", input: { owner: "acme", number: 1, body: "hi" } };
    expect((await refused(await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [missing] } }))).errors?.[0]?.path).toBe(
      "steps.0.input.repo",
    );
    const good = await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [comment("sandbox-web")] } });
    expect(good.status).toBe(202);
    // The constraint names only github.issue.comment: another tool in the grant is not held to it.
    const close = await call("POST", "/v1/intents", { key: key.key, body: { channel: "api", replyTo: { kind: "none" }, steps: [closeStep] } });
    expect(close.status).toBe(202);
  });

  it("accepts what an unnarrowed grant accepted before", async () => {
    const key = await createKey(admin, [CORE]);
    const res = await call("POST", "/v1/intents", { key: key.key, body: { channel: "whatsapp_meta", replyTo: { kind: "none" }, steps: [replyStep, closeStep] } });
    expect(res.status).toBe(202);
  });

  it("validates the narrowing itself: no code, only the policy's declarative operators", async () => {
    const res = await call("POST", "/v1/keys", {
      key: admin.key,
      body: { name: "x", capabilities: [{ capability: CORE, constraints: [{ args: [{ path: "repo", op: "matches_js", value: "x => true" }] }] }] },
    });
    expect(res.status).toBe(400);
  });

  it("a narrowed caller cannot mint a wider grant of the capability it holds narrowly", async () => {
    const narrowAdmin = await createKey(admin, ["control-plane.admin", replyOnly as unknown as string]);
    const wider = await call("POST", "/v1/keys", { key: narrowAdmin.key, body: { name: "w", capabilities: [CORE] } });
    expect(wider.status).toBe(403);
    expect((await problem(wider)).code).toBe("GRANT_WIDER_THAN_HELD");
    const otherTool = await call("POST", "/v1/keys", { key: narrowAdmin.key, body: { name: "w", capabilities: [{ ...replyOnly, tools: ["github.issue.close"] }] } });
    expect((await problem(otherTool)).errors?.[0]?.path).toBe("capabilities.0");
    const narrower = await call("POST", "/v1/keys", { key: narrowAdmin.key, body: { name: "n", capabilities: [{ ...replyOnly, channels: ["api"] }] } });
    expect(narrower.status).toBe(201);
  });
});

describe("narrowed grants at step dispatch", () => {
  beforeAll(() => ensureBound(admin, { provider: "slack", externalId: SLACK_THREAD.teamId }));

  it("blocks a text command's out-of-scope step: nothing reaches the stand-in, and replay is consistent", async () => {
    const key = await narrowedKey({ capability: CORE, tools: ["github.issue.comment"] }, "control-plane.audit");
    // `reply` is low risk: policy alone would run it autonomously. The grant is what stops it.
    const submitted = await submit(key.key, { channel: "slack", replyTo: SLACK_THREAD, text: "reply hi" });
    await deliverHandoff(submitted, admin.tenantId);
    await runDueAlarms(submitted.executionId);

    const view = await getExecution(admin, submitted.executionId);
    expect(view.status).toBe("failed");
    expect(view.steps[0]).toMatchObject({ state: "failed", attempts: 0, reason: { code: "POLICY_BLOCKED" }, verdict: { verdict: "blocked" } });
    expect(view.steps[0]?.reason?.message).toContain("GRANT_SCOPE_EXCEEDED");
    expect(await slackPosts()).toHaveLength(0);
    expect(await standin.requests()).toHaveLength(0);

    const trace = (await (await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true`, { key: admin.key })).json()) as {
      events: { type: string; payload?: { grantScope?: unknown } }[];
    };
    const pinned = trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned");
    expect(pinned?.payload?.grantScope).toEqual({ capability: CORE, tools: ["github.issue.comment"], channels: null, constraints: null });
    expect(trace.events.some((e) => e.type === "controlPlane.execution.step.blocked")).toBe(true);

    const report = await replay(submitted.executionId);
    expect(report.differences).toEqual([]);
    expect(report.outcome).toBe("consistent");
  });

  it("runs the in-scope steps and blocks the rest, by tool and by argument constraint", async () => {
    const key = await narrowedKey({
      capability: CORE,
      tools: ["channel.reply"],
      constraints: [{ tools: ["channel.reply"], args: [{ path: "text", op: "prefix", value: "ok" }] }],
    });
    const submitted = await submit(key.key, { channel: "slack", replyTo: SLACK_THREAD, text: "reply ok fine and reply not ok and close acme/web#9" });
    await deliverHandoff(submitted, admin.tenantId);
    await runDueAlarms(submitted.executionId);

    const view = await getExecution(admin, submitted.executionId);
    expect(view.steps.map((s) => s.state)).toEqual(["succeeded", "failed", "failed"]);
    expect(view.steps[1]?.reason?.message).toMatch(/GRANT_SCOPE_EXCEEDED.*text/);
    expect(view.steps[2]?.reason?.message).toMatch(/GRANT_SCOPE_EXCEEDED.*github\.issue\.close/);
    const posts = await slackPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toContain("ok fine");
    expect((await standin.requests()).filter((r) => r.path.includes("/issues/"))).toHaveLength(0);
    expect((await replay(submitted.executionId)).outcome).toBe("consistent");
  });

  it("leaves an unnarrowed key's text to policy alone, as before", async () => {
    const key = await createKey(admin, [CORE]);
    const submitted = await submit(key.key, { channel: "slack", replyTo: SLACK_THREAD, text: "reply hello" });
    await deliverHandoff(submitted, admin.tenantId);
    await runDueAlarms(submitted.executionId);
    expect((await getExecution(admin, submitted.executionId)).status).toBe("succeeded");
    expect(await slackPosts()).toHaveLength(1);
    const trace = (await (await call("GET", `/v1/traces/${submitted.traceId}?includePayloads=true`, { key: admin.key })).json()) as {
      events: { type: string; payload?: Record<string, unknown> }[];
    };
    expect(trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned")?.payload).not.toHaveProperty("grantScope");
  });
});
