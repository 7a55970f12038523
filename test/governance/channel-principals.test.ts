import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slackApprovalValue } from "../../workers/channels/slack-approval.ts";
import { approverByIdentity } from "../../workers/approvals/approver.ts";
import { database } from "../../workers/db.ts";
import { channelPrincipalId } from "../../workers/ingest/channel-principals.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { githubIssueComment, metaBatch, metaMessage, slackBlockActions, slackMention, twilioInbound } from "../channels/support/payloads.ts";
import { count, githubSigned, metaSigned, post, slackEvent, slackFormPost, twilioSigned } from "../channels/e2e/support.ts";
import { firstStep, runText, viewOf } from "./support.ts";

// Unbound channel traffic runs as DEFAULT_TENANT (`default-tenant` in the tests).
const TENANT = "default-tenant";
const SLACK_USER = "slack:T0001:U0HUMAN";

interface PrincipalPage {
  items: { principalId: string; type: string; displayName: string; channelIdentity: string | null; groups: string[] }[];
  nextCursor: string | null;
}

async function principals(key: string, query = ""): Promise<PrincipalPage> {
  const res = await call("GET", `/v1/principals${query}`, { key });
  expect(res.status).toBe(200);
  return (await res.json()) as PrincipalPage;
}

const mention = (eventId: string, text = "<@U0BOT> reply hello") => ({ ...slackMention(text), event_id: eventId });

let admin: Admin;
let beta: Admin;

describe("channel users become principals", () => {
  beforeAll(async () => {
    beta = await bootstrap("beta");
  });

  it("records traffic for a tenant not bootstrapped yet without a principal, and loses nothing", async () => {
    expect((await post("/webhooks/slack", await slackEvent(mention("Ev0EARLY")))).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_item_id = 'Ev0EARLY'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM principals WHERE channel_identity = ?", SLACK_USER)).toBe(0);
    admin = await bootstrap(TENANT);
  });

  it("makes exactly one human principal of a Slack user, however many copies and deliveries arrive at once", async () => {
    const copy = await slackEvent(mention("Ev0COPIES"));
    const others = await Promise.all(["Ev0OTHER1", "Ev0OTHER2", "Ev0OTHER3"].map((id) => slackEvent(mention(id))));
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, () => post("/webhooks/slack", { ...copy })),
      ...others.map((init) => post("/webhooks/slack", init)),
    ]);
    expect(answers.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(await count("SELECT count(*) AS n FROM intents WHERE source_provider = 'slack' AND tenant_id = ?", TENANT)).toBe(5);

    expect(await count("SELECT count(*) AS n FROM principals WHERE channel_identity = ?", SLACK_USER)).toBe(1);
    const page = await principals(admin.key, `?channelIdentity=${encodeURIComponent(SLACK_USER)}`);
    expect(page.items).toEqual([
      {
        principalId: channelPrincipalId(TENANT, SLACK_USER),
        type: "human",
        displayName: SLACK_USER,
        channelIdentity: SLACK_USER,
        groups: [],
        createdAt: expect.any(String),
      },
    ]);
    // Deny by default: no group, no key, no grant.
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE principal_id = ?", channelPrincipalId(TENANT, SLACK_USER))).toBe(0);
  });

  it("keys GitHub, WhatsApp (Meta) and WhatsApp (Twilio) users by the identity their normalizer gives them", async () => {
    expect((await post("/webhooks/github", await githubSigned("issue_comment", githubIssueComment("/cp reply hi"), "bbbbbbbb-0000-4000-8000-000000000001"))).status).toBe(202);
    const meta = metaBatch([[{ messages: [metaMessage("wamid.PRINCIPAL1", "16505550100", "reply hi")] }]]);
    expect((await post("/webhooks/whatsapp", await metaSigned(meta))).status).toBe(200);
    expect((await post("/webhooks/twilio", await twilioSigned(twilioInbound({ MessageSid: "SMprincipal0000000000000000000001", From: "whatsapp:+16505550100" })))).status).toBe(200);

    const identities = (await principals(admin.key, "?type=human")).items.map((p) => p.channelIdentity);
    expect(identities).toEqual(expect.arrayContaining([SLACK_USER, "github:1001", "whatsapp:+16505550100"]));
    // Meta and Twilio report the same E.164 person: one principal.
    expect(await count("SELECT count(*) AS n FROM principals WHERE channel_identity = 'whatsapp:+16505550100'")).toBe(1);
  });

  it("keeps a tenant's channel principals from every other tenant", async () => {
    const id = channelPrincipalId(TENANT, SLACK_USER);
    expect((await principals(beta.key)).items.map((p) => p.principalId)).not.toContain(id);
    expect((await principals(beta.key, `?channelIdentity=${encodeURIComponent(SLACK_USER)}`)).items).toEqual([]);
    const add = await call("POST", "/v1/groups/approvers/members", { key: beta.key, body: { principalId: id } });
    expect(add.status).toBe(404);
    expect((await problem(add)).code).toBe("PRINCIPAL_NOT_FOUND");
    expect(await approverByIdentity(database(env.DB), "beta", SLACK_USER)).toBeUndefined();
  });

  it("requires control-plane.admin to list principals", async () => {
    const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: "reader", capabilities: ["control-plane.core"] } });
    const { key } = (await res.json()) as { key: string };
    const listed = await call("GET", "/v1/principals", { key });
    expect(listed.status).toBe(403);
  });

  it("pages through principals", async () => {
    const first = await principals(admin.key, "?limit=1");
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await principals(admin.key, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]?.principalId).not.toBe(first.items[0]?.principalId);
  });

  it("once added to approvers, the Slack user is an approver by identity and their button press counts", async () => {
    const id = channelPrincipalId(TENANT, SLACK_USER);
    const before = await approverByIdentity(database(env.DB), TENANT, SLACK_USER);
    expect(before?.roles).toEqual([]);

    const add = await call("POST", "/v1/groups/approvers/members", { key: admin.key, body: { principalId: id } });
    expect(add.status).toBe(200);
    const after = await approverByIdentity(database(env.DB), TENANT, SLACK_USER);
    expect(after).toMatchObject({ actor: { type: "human", id }, roles: ["approvers"] });
    expect(after?.identities).toEqual([id, SLACK_USER]);
    expect((await principals(admin.key, `?channelIdentity=${encodeURIComponent(SLACK_USER)}`)).items[0]?.groups).toEqual(["approvers"]);

    const run = await runText(admin, "label acme/app#31 bug");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step.state).toBe("waiting_approval");
    const form = new URLSearchParams(slackBlockActions([{ action_id: "cp.approval.approve", value: slackApprovalValue({ executionId: run.executionId, stepId: step.stepId }) }]));
    const payload = JSON.parse(form.get("payload") ?? "{}") as { user: { id: string } };
    payload.user.id = "U0HUMAN";
    form.set("payload", JSON.stringify(payload));
    expect((await post("/webhooks/slack", await slackFormPost(form.toString()))).status).toBe(200);
    const decided = firstStep(await viewOf(admin.key, run.executionId));
    expect(decided.state).not.toBe("waiting_approval");
    const trace = (await (await call("GET", `/v1/traces/${run.traceId}?includePayloads=true`, { key: admin.key })).json()) as {
      events: { type: string; payload?: { by?: { id: string }; via?: string } }[];
    };
    const vote = trace.events.find((e) => e.type === "controlPlane.execution.step.vote_recorded");
    expect(vote?.payload).toMatchObject({ by: { id }, via: "slack" });
  });
});
