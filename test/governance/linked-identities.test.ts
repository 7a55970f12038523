import { describe, expect, it } from "vitest";
import { slackApprovalValue } from "../../workers/channels/slack-approval.ts";
import { channelPrincipalId } from "../../workers/ingest/channel-principals.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { githubIssueComment, slackBlockActions, slackMention } from "../channels/support/payloads.ts";
import { drive, executionOf, githubSigned, post, slackEvent, slackFormPost } from "../channels/e2e/support.ts";
import { approve, approver, firstStep, type Person, runText, viewOf } from "./support.ts";

// Unbound channel traffic runs as DEFAULT_TENANT (`default-tenant` in the tests); it can be bootstrapped once per file.
const TENANT = "default-tenant";
let admin: Admin | undefined;
async function adminOfDefault(): Promise<Admin> {
  admin ??= await bootstrap(TENANT);
  return admin;
}

interface Identities {
  principalId: string;
  identities: { identity: string; source: string; linkedBy: string | null }[];
}

const link = (key: string, principalId: string, identity: string) => call("POST", `/v1/principals/${principalId}/identities`, { key, body: { identity } });
const unlink = (key: string, principalId: string, identity: string) => call("DELETE", `/v1/principals/${principalId}/identities/${encodeURIComponent(identity)}`, { key });

async function linked(key: string, principalId: string, identity: string): Promise<Identities> {
  const res = await link(key, principalId, identity);
  expect(res.status).toBe(200);
  return (await res.json()) as Identities;
}

/** A Slack mention from `user` in workspace T0001: it becomes an intent whose actor is `slack:T0001:<user>`. */
async function mentionFrom(user: string, eventId: string, text: string) {
  const payload = slackMention(`<@U0BOT> ${text}`);
  const res = await post("/webhooks/slack", await slackEvent({ ...payload, event_id: eventId, event: { ...payload.event, user } }));
  expect(res.status).toBe(200);
}

/** A Slack approval button pressed by `user`. */
async function pressApprove(user: string, executionId: string, stepId: string) {
  const form = new URLSearchParams(slackBlockActions([{ action_id: "cp.approval.approve", value: slackApprovalValue({ executionId, stepId }) }]));
  const payload = JSON.parse(form.get("payload") ?? "{}") as { user: { id: string }; trigger_id: string };
  payload.user.id = user;
  // Each press is its own delivery (Slack dedupes interactions by trigger_id).
  payload.trigger_id = `${user}.${stepId}`;
  form.set("payload", JSON.stringify(payload));
  expect((await post("/webhooks/slack", await slackFormPost(form.toString()))).status).toBe(200);
}

async function votes(key: string, traceId: string) {
  const trace = (await (await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key })).json()) as {
    events: { type: string; payload?: { by?: { id: string }; via?: string; approvals?: number; requester?: { principal: { id: string } | null; identities: string[] }; context?: { requesterRoles: string[] } } }[];
  };
  return {
    votes: trace.events.filter((e) => e.type === "controlPlane.execution.step.vote_recorded").map((e) => e.payload),
    pinned: trace.events.find((e) => e.type === "controlPlane.execution.policy_pinned")?.payload,
  };
}

async function replayOutcome(key: string, executionId: string): Promise<string> {
  return ((await (await call("POST", `/v1/executions/${executionId}/replay`, { key })).json()) as { outcome: string }).outcome;
}

/** A Slack-requested execution driven until it waits; its first step. */
async function requestedOnSlack(user: string, eventId: string, text: string) {
  await mentionFrom(user, eventId, text);
  await drive();
  const row = await executionOf(eventId);
  if (row === null) throw new Error("no execution");
  return row;
}

describe("linking channel identities to a principal", () => {
  it("links, lists and unlinks; refuses an identity of another principal, another tenant's principal, a non-admin and a malformed identity", async () => {
    const admin = await adminOfDefault();
    const [ann, bob] = [await approver(admin), await approver(admin)];
    const annSlack = "slack:T0001:U0ANNLINK";

    const first = await linked(admin.key, ann.principalId, annSlack);
    expect(first.identities).toEqual([
      { identity: ann.principalId, source: "principal", linkedBy: null, linkedAt: null },
      { identity: annSlack, source: "linked", linkedBy: admin.principalId, linkedAt: expect.any(String) },
    ]);
    expect((await linked(admin.key, ann.principalId, annSlack)).identities).toHaveLength(2);
    const listed = await call("GET", `/v1/principals/${ann.principalId}/identities`, { key: admin.key });
    expect(((await listed.json()) as Identities).identities.map((i) => i.identity)).toEqual([ann.principalId, annSlack]);

    const taken = await link(admin.key, bob.principalId, annSlack);
    expect(taken.status).toBe(409);
    expect((await problem(taken)).code).toBe("IDENTITY_ALREADY_LINKED");

    const beta = await bootstrap("beta-identities");
    const foreign = await link(beta.key, ann.principalId, "slack:T0009:U0BETA");
    expect(foreign.status).toBe(404);
    expect((await problem(foreign)).code).toBe("PRINCIPAL_NOT_FOUND");
    expect((await call("GET", `/v1/principals/${ann.principalId}/identities`, { key: beta.key })).status).toBe(404);

    expect((await link(ann.key, ann.principalId, "github:4242")).status).toBe(403);
    const malformed = await link(admin.key, ann.principalId, bob.principalId);
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).errors?.[0]?.path).toBe("identity");

    const removed = await unlink(admin.key, ann.principalId, annSlack);
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as Identities).identities.map((i) => i.identity)).toEqual([ann.principalId]);
    const again = await unlink(admin.key, ann.principalId, annSlack);
    expect(again.status).toBe(404);
    expect((await problem(again)).code).toBe("IDENTITY_NOT_LINKED");
    // Unlinked, it can go to someone else.
    expect((await linked(admin.key, bob.principalId, annSlack)).principalId).toBe(bob.principalId);
  });

  it("takes over a channel user's own principal only while it holds nothing", async () => {
    const admin = await adminOfDefault();
    const [ann, bob] = [await approver(admin), await approver(admin)];
    await mentionFrom("U0CAROL", "Ev0CAROL", "reply hi");
    await mentionFrom("U0DAVE", "Ev0DAVE", "reply hi");
    const carol = channelPrincipalId(TENANT, "slack:T0001:U0CAROL");
    const dave = channelPrincipalId(TENANT, "slack:T0001:U0DAVE");

    expect((await linked(admin.key, ann.principalId, "slack:T0001:U0CAROL")).identities.map((i) => i.identity)).toContain("slack:T0001:U0CAROL");
    const carolNow = (await (await call("GET", `/v1/principals/${carol}/identities`, { key: admin.key })).json()) as Identities;
    expect(carolNow.identities.map((i) => i.identity)).toEqual([carol]);

    expect((await call("POST", "/v1/groups/approvers/members", { key: admin.key, body: { principalId: dave } })).status).toBe(200);
    const refused = await link(admin.key, bob.principalId, "slack:T0001:U0DAVE");
    expect(refused.status).toBe(409);
    expect((await problem(refused)).code).toBe("IDENTITY_ALREADY_LINKED");
  });
});

describe("exclusion and quorum count people, not identities", () => {
  it("one person holding an API key and a linked Slack identity supplies one vote, and their Slack press counts as them", async () => {
    const admin = await adminOfDefault();
    const ann: Person = await approver(admin);
    const bob: Person = await approver(admin);
    await linked(admin.key, ann.principalId, "slack:T0001:U0ANNVOTE");
    const run = await runText(admin, "close acme/web#1");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(step.state).toBe("waiting_approval");

    // Roles follow the person: the linked Slack identity approves as Ann, a member of `approvers`.
    await pressApprove("U0ANNVOTE", run.executionId, step.stepId);
    const again = await approve(ann.key, run.executionId, step.stepId);
    expect(again.status).toBe(409);
    expect((await problem(again)).code).toBe("ALREADY_DECIDED");
    const recorded = await votes(admin.key, run.traceId);
    expect(recorded.votes).toEqual([expect.objectContaining({ by: { type: "service", id: ann.principalId }, via: "slack", approvals: 1 })]);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");

    const second = await approve(bob.key, run.executionId, step.stepId);
    expect(await second.json()).toMatchObject({ approvals: 2, quorum: 2 });
    expect(await replayOutcome(admin.key, run.executionId)).toBe("consistent");
  });

  it("the other order: an API vote, then a Slack press through a linked identity, is still one vote", async () => {
    const admin = await adminOfDefault();
    const ann = await approver(admin);
    await linked(admin.key, ann.principalId, "slack:T0001:U0ANNORDER");
    const run = await runText(admin, "close acme/web#4");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    expect(await (await approve(ann.key, run.executionId, step.stepId)).json()).toMatchObject({ approvals: 1, quorum: 2 });
    await pressApprove("U0ANNORDER", run.executionId, step.stepId);
    expect((await votes(admin.key, run.traceId)).votes).toHaveLength(1);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
  });

  it("a person who asked on Slack cannot approve it with their API key or their approval link; requester, roles and identities are pinned", async () => {
    const admin = await adminOfDefault();
    const ann = await approver(admin);
    await linked(admin.key, ann.principalId, "slack:T0001:U0ANNASKS");
    const row = await requestedOnSlack("U0ANNASKS", "Ev0ANNASKS", "close acme/web#2");
    const step = firstStep(await viewOf(admin.key, row.id));
    expect(step.state).toBe("waiting_approval");

    const self = await approve(ann.key, row.id, step.stepId);
    expect(self.status).toBe(403);
    expect((await problem(self)).code).toBe("SELF_APPROVAL_FORBIDDEN");
    const mine = (await (await call("GET", "/v1/approvals?mine=false", { key: ann.key })).json()) as { items: { executionId: string; link: string | null }[] };
    expect(mine.items.find((i) => i.executionId === row.id)?.link).toBeNull();

    const { pinned } = await votes(admin.key, row.trace_id);
    expect(pinned?.requester?.principal?.id).toBe(ann.principalId);
    expect(pinned?.requester?.identities).toEqual(expect.arrayContaining([ann.principalId, "slack:T0001:U0ANNASKS"]));
    expect(pinned?.context?.requesterRoles).toEqual(["approvers"]);
    expect(await replayOutcome(admin.key, row.id)).toBe("consistent");
  });

  it("a person who asked on GitHub cannot approve it with their API key", async () => {
    const admin = await adminOfDefault();
    const ann = await approver(admin);
    // githubIssueComment's author is GitHub user 1001.
    await linked(admin.key, ann.principalId, "github:1001");
    const delivered = await post("/webhooks/github", await githubSigned("issue_comment", githubIssueComment("/cp close acme/web#3"), "bbbbbbbb-0000-4000-8000-00000000aaaa"));
    expect(delivered.status).toBe(202);
    const [executionId] = await drive();
    if (executionId === undefined) throw new Error("no execution");
    const step = firstStep(await viewOf(admin.key, executionId));
    expect(step.state).toBe("waiting_approval");
    const self = await approve(ann.key, executionId, step.stepId);
    expect((await problem(self)).code).toBe("SELF_APPROVAL_FORBIDDEN");
  });

  it("a link made after the request still excludes the requester", async () => {
    const admin = await adminOfDefault();
    const ann = await approver(admin);
    const row = await requestedOnSlack("U0ANNLATER", "Ev0ANNLATER", "close acme/web#5");
    const step = firstStep(await viewOf(admin.key, row.id));
    expect(step.state).toBe("waiting_approval");
    // The mention made a placeholder principal for the Slack user; linking takes it over.
    await linked(admin.key, ann.principalId, "slack:T0001:U0ANNLATER");
    const self = await approve(ann.key, row.id, step.stepId);
    expect(self.status).toBe(403);
    expect((await problem(self)).code).toBe("SELF_APPROVAL_FORBIDDEN");
  });
});
