import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Admin, bindChannel, bootstrap, call, createKey, problem } from "../support/api.ts";
import { deliverHandoff, type Submitted } from "../support/runtime.ts";
import { type RecordedRequest, standin } from "../support/standin.ts";
import { getExecution, runDueAlarms } from "../runtime/support/flow.ts";
import type { Intent } from "../../contracts/intent.ts";
import { prepareIntentRecord } from "../../workers/ingest/record-intent.ts";

/**
 * An API intent's `replyTo` is where channel.reply posts and approval notices go, with the deployment's
 * provider credentials. It may name only what the tenant has bound and confirmed. Every test here tries to
 * make a reply land elsewhere and checks the provider stand-in received nothing there.
 */
const CORE = "control-plane.core";
let acme: Admin;
let globex: Admin;

const bound = {
  slack: { kind: "slack", teamId: "T0ACME", channelId: "C0ACME" },
  github: { kind: "github", owner: "acme", repo: "web", issueNumber: 1 },
  meta: { kind: "whatsapp_meta", phoneNumberId: "106540352242922", to: "16505551234" },
  twilio: { kind: "whatsapp_twilio", from: "whatsapp:+14155238886", to: "whatsapp:+16505551234" },
} as const;

const unbound = {
  slackTeam: { kind: "slack", teamId: "T0EVIL", channelId: "C0EVIL" },
  slackPending: { kind: "slack", teamId: "T0PENDING", channelId: "C0EVIL" },
  slackResponseUrl: { kind: "slack", teamId: "T0ACME", channelId: "C0EVIL", responseUrl: "https://hooks.slack.com/commands/T0EVIL/1/evil" },
  githubOther: { kind: "github", owner: "other", repo: "private", issueNumber: 1 },
  githubOtherTenant: { kind: "github", owner: "globex", repo: "app", issueNumber: 1 },
  githubViaInstallation: { kind: "github", owner: "other", repo: "private", issueNumber: 1, installationId: 555 },
  metaSender: { kind: "whatsapp_meta", phoneNumberId: "999999999999", to: "16505551234" },
  twilioSender: { kind: "whatsapp_twilio", from: "whatsapp:+19995550000", to: "whatsapp:+16505551234" },
} as const;

beforeAll(async () => {
  acme = await bootstrap("reply-acme");
  globex = await bootstrap("reply-globex");
  await bindChannel(acme, { provider: "slack", externalId: "T0ACME" });
  await bindChannel(acme, { provider: "github", externalId: "acme/web" });
  await bindChannel(acme, { provider: "github", externalId: "installation:555" }, { repository: "acme/tools" });
  await bindChannel(acme, { provider: "meta", externalId: "106540352242922" });
  await bindChannel(acme, { provider: "twilio", externalId: "+14155238886" });
  await bindChannel(globex, { provider: "github", externalId: "globex/app" });
  expect((await call("POST", "/v1/channel-bindings", { key: acme.key, body: { provider: "slack", externalId: "T0PENDING" } })).status).toBe(201);
});
beforeEach(() => standin.reset());

function submitRaw(key: string, replyTo: unknown, text = "reply hi") {
  return call("POST", "/v1/intents", { key, body: { channel: "api", replyTo, text } });
}

async function run(admin: Admin, replyTo: unknown, text = "reply hi"): Promise<Submitted> {
  const res = await submitRaw(admin.key, replyTo, text);
  expect(res.status, await res.clone().text()).toBe(202);
  const submitted = (await res.json()) as Submitted;
  await deliverHandoff(submitted, admin.tenantId);
  await runDueAlarms(submitted.executionId);
  return submitted;
}

/** Where a stand-in request would have put something, as the bindings name it; null for what is not a post. */
function destinationOf(r: RecordedRequest): string | null {
  if (r.path.endsWith("/chat.postMessage")) return `slack-channel:${(JSON.parse(r.body) as { channel: string }).channel}`;
  const repo = /^\/repos\/([^/]+\/[^/]+)\//.exec(r.path);
  if (repo !== null) return `github:${repo[1]}`;
  const meta = /^\/v[\d.]+\/(\d+)\/messages$/.exec(r.path);
  if (meta !== null) return `meta:${meta[1]}`;
  if (r.path.includes("/Messages.json")) return `twilio:${new URLSearchParams(r.body).get("From")}`;
  return `other:${r.host}${r.path}`;
}

const allowed = new Set(["slack-channel:C0ACME", "github:acme/web", "meta:106540352242922", "twilio:whatsapp:+14155238886"]);

describe("API reply targets come from confirmed bindings", () => {
  it("a key narrowed to channel.reply on api and github cannot comment into a repository its tenant has not bound", async () => {
    const narrowed = await createKey(acme, [{ capability: CORE, tools: ["channel.reply"], channels: ["api", "github"] } as unknown as string]);
    for (const replyTo of [unbound.githubOther, unbound.githubOtherTenant, unbound.githubViaInstallation]) {
      const res = await submitRaw(narrowed.key, replyTo);
      expect(res.status).toBe(403);
      const body = await problem(res);
      expect(body.code).toBe("REPLY_TARGET_UNBOUND");
      expect(body.errors?.map((e) => e.path)).toEqual(["replyTo.repo"]);
    }
    expect(await standin.requests()).toEqual([]);
  });

  it("refuses an unbound Slack team, a pending one, a response_url, and a WhatsApp sender the tenant has not bound", async () => {
    const cases: [unknown, number, string, string][] = [
      [unbound.slackTeam, 403, "REPLY_TARGET_UNBOUND", "replyTo.teamId"],
      [unbound.slackPending, 403, "REPLY_TARGET_UNBOUND", "replyTo.teamId"],
      [unbound.slackResponseUrl, 400, "REPLY_TARGET_INVALID", "replyTo.responseUrl"],
      [unbound.metaSender, 403, "REPLY_TARGET_UNBOUND", "replyTo.phoneNumberId"],
      [unbound.twilioSender, 403, "REPLY_TARGET_UNBOUND", "replyTo.from"],
    ];
    for (const [replyTo, status, code, path] of cases) {
      const res = await submitRaw(acme.key, replyTo);
      expect(res.status, JSON.stringify(replyTo)).toBe(status);
      const body = await problem(res);
      expect(body.code).toBe(code);
      expect(body.errors?.[0]?.path).toBe(path);
    }
    expect(await standin.requests()).toEqual([]);
  });

  it("execution.start refuses the same, with the path inside the intent", async () => {
    const compiled = await call("POST", "/v1/plans/compile", { key: acme.key, body: { channel: "api", replyTo: unbound.githubOther, text: "reply hi" } });
    expect(compiled.status).toBe(200);
    const { intent, plan } = (await compiled.json()) as { intent: unknown; plan: { digest: string } };
    const res = await call("POST", "/v1/executions", { key: acme.key, body: { intent, expectedDigest: plan.digest } });
    expect(res.status).toBe(403);
    expect((await problem(res)).errors?.[0]?.path).toBe("intent.replyTo.repo");
  });

  it("replies reach bound destinations, each from the bound sender", async () => {
    for (const replyTo of Object.values(bound)) {
      const submitted = await run(acme, replyTo);
      expect((await getExecution(acme, submitted.executionId)).status, JSON.stringify(replyTo)).toBe("succeeded");
    }
    const destinations = (await standin.requests()).map(destinationOf);
    expect(destinations.sort()).toEqual([...allowed].sort());
  });

  it("a grant constraint on $destination limits where channel.reply may post", async () => {
    const onlyWeb = await createKey(acme, [
      { capability: CORE, tools: ["channel.reply"], constraints: [{ tools: ["channel.reply"], args: [{ path: "$destination.binding", op: "eq", value: "acme/web" }] }] } as unknown as string,
    ]);
    const refused = await submitRaw(onlyWeb.key, bound.meta, undefined);
    // Text is compiled later: the step is checked (and blocked) at dispatch, with the destination in view.
    expect(refused.status).toBe(202);
    const blocked = (await refused.json()) as Submitted;
    await deliverHandoff(blocked, acme.tenantId);
    await runDueAlarms(blocked.executionId);
    const view = await getExecution(acme, blocked.executionId);
    expect(view.steps[0]?.reason?.message).toMatch(/GRANT_SCOPE_EXCEEDED.*\$destination\.binding/);

    const structured = await call("POST", "/v1/intents", { key: onlyWeb.key, body: { channel: "api", replyTo: bound.slack, steps: [{ key: "r", tool: "channel.reply", input: { text: "hi" } }] } });
    expect(structured.status).toBe(403);
    expect((await problem(structured)).errors?.[0]?.path).toBe("steps.0.input.$destination.binding");

    const ok = await submitRaw(onlyWeb.key, bound.github);
    const submitted = (await ok.json()) as Submitted;
    await deliverHandoff(submitted, acme.tenantId);
    await runDueAlarms(submitted.executionId);
    expect((await getExecution(acme, submitted.executionId)).status).toBe("succeeded");
    expect((await standin.requests()).map(destinationOf)).toEqual(["github:acme/web"]);
  });

  it("a policy rule on $destination makes channel.reply to WhatsApp wait for approval", async () => {
    const policy = {
      schema: "control-plane.policy/1",
      name: "whatsapp-replies-wait",
      rules: [
        {
          id: "wa-replies",
          match: { tools: ["channel.reply"], args: [{ path: "$destination.kind", op: "eq", value: "whatsapp_meta" }] },
          effect: "require_approval",
          approval: { group: "approvers", quorum: 1, timeoutSeconds: 600 },
        },
        { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
      ],
    };
    expect((await call("POST", "/v1/policies", { key: acme.key, body: { document: policy } })).status).toBe(201);
    expect((await call("POST", "/v1/policies/1/activate", { key: acme.key, body: {} })).status).toBe(200);
    try {
      const wa = await run(acme, bound.meta);
      expect((await getExecution(acme, wa.executionId)).steps[0]?.state).toBe("waiting_approval");
      const gh = await run(acme, bound.github);
      expect((await getExecution(acme, gh.executionId)).status).toBe("succeeded");
    } finally {
      const after = {
        schema: "control-plane.policy/1",
        name: "replies-open",
        rules: [
          { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
          { id: "high-waits", match: { risks: ["high"] }, effect: "require_approval", approval: { group: "approvers", quorum: 1, timeoutSeconds: 600 } },
        ],
      };
      await call("POST", "/v1/policies", { key: acme.key, body: { document: after } });
      await call("POST", "/v1/policies/2/activate", { key: acme.key, body: {} });
    }
  });

  it("an approval notice goes nowhere when an API intent's reply target is not a confirmed binding (unchecked or unbound since)", async () => {
    // Recorded as the API records it, but never checked: an intent from before checks existed, or whose binding is gone.
    const receivedAt = new Date();
    const intent: Intent = { tenantId: acme.tenantId, actor: { type: "service", id: acme.principalId }, channel: "api", replyTo: { kind: "github", owner: "other", repo: "private", issueNumber: 3 }, text: "close acme/web#3", receivedAt: receivedAt.toISOString() };
    const { record, statements } = prepareIntentRecord(env.DB, intent, { provider: "api", deliveryId: "unchecked-1", itemId: "unchecked-1" }, receivedAt);
    await env.DB.batch(statements);
    await deliverHandoff({ ...record, status: "queued" }, acme.tenantId);
    await runDueAlarms(record.executionId);
    expect((await getExecution(acme, record.executionId)).steps[0]?.state).toBe("waiting_approval");
    expect(await standin.requests()).toEqual([]);
    const trace = (await (await call("GET", `/v1/traces/${record.traceId}?includePayloads=true`, { key: acme.key })).json()) as { events: { type: string; payload?: { code?: string } }[] };
    expect(trace.events.find((e) => e.type === "controlPlane.execution.step.approval_notice_failed")?.payload?.code).toBe("REPLY_TARGET_UNVERIFIED");
  });
});

describe("property: over random API requests, no channel.reply reaches an unbound destination", () => {
  it("the provider stand-in receives nothing for any target the tenant has not confirmed", async () => {
    const targets = [...Object.values(bound), ...Object.values(unbound), { kind: "none" }];
    const texts = ["reply hi", "reply one and reply two", "this is not a command", "reply x then reply y"];
    // Three callers, so the run stays within the tests' per-key and per-tenant intent rate limits (one window).
    const keys = [
      acme.key,
      (await createKey(acme, [{ capability: CORE, tools: ["channel.reply"], channels: ["api", "github", "slack"] } as unknown as string])).key,
      (await createKey(acme, [CORE])).key,
    ];
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(...texts), fc.constantFrom(...keys), fc.constantFrom("api", "cli", "slack"), async (replyTo, text, key, channel) => {
        await standin.reset();
        const res = await call("POST", "/v1/intents", { key, body: { channel, replyTo, text } });
        if (res.status === 202) {
          served++;
          const submitted = (await res.json()) as Submitted;
          await deliverHandoff(submitted, acme.tenantId);
          await runDueAlarms(submitted.executionId);
        } else {
          expect([400, 403]).toContain(res.status);
        }
        for (const request of await standin.requests()) expect(allowed, `${request.method} ${request.host}${request.path}`).toContain(destinationOf(request));
      }),
      { numRuns: 30 },
    );
    expect(served).toBeGreaterThan(0);
  }, 120_000);
});
