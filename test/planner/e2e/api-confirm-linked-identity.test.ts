import { describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, createKey, problem } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { slackMention } from "../../channels/support/payloads.ts";
import { drive, post, slackEvent } from "../../channels/e2e/support.ts";
import { channelPrincipalId } from "../../../workers/ingest/channel-principals.ts";

const closeFlaky = {
  kind: "plan",
  steps: [{ key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7, reason: "completed" }, after: [] }],
};

let admin: Admin | undefined;
/** Channel traffic here has no binding: it runs as DEFAULT_TENANT. */
async function defaultAdmin(): Promise<Admin> {
  admin ??= await bootstrap("default-tenant");
  return admin;
}

let requests = 0;
/** A plain-language Slack mention by `user` of workspace T0001, drafted by the model and left waiting for confirmation. */
async function slackRequest(user: string): Promise<{ executionId: string; planDigest: string }> {
  const key = (await defaultAdmin()).key;
  await modelStandin.answer(closeFlaky);
  const mention = slackMention("<@U0BOT> can you close the flaky-test issue in acme/web (#7)");
  const m = ++requests;
  const res = await post("/webhooks/slack", await slackEvent({ ...mention, event_id: `Ev0LINK${m}`, event: { ...mention.event, user, ts: `1764072000.00${m}` } }));
  expect(res.status).toBe(200);
  const [executionId] = await drive();
  if (executionId === undefined) throw new Error("no execution");
  const view = (await (await call("GET", `/v1/executions/${executionId}`, { key })).json()) as { status: string; planDigest: string };
  expect(view.status).toBe("queued");
  return { executionId, planDigest: view.planDigest };
}

const CORE = "control-plane.core";
const AUDIT = "control-plane.audit";

/** A principal with a core key, and `identity` linked to it by the admin. */
async function personWith(identity: string): Promise<{ key: string; principalId: string }> {
  const a = await defaultAdmin();
  const person = await createKey(a, [CORE]);
  expect((await call("POST", `/v1/principals/${person.principalId}/identities`, { key: a.key, body: { identity } })).status).toBe(200);
  return person;
}

const confirm = (key: string, executionId: string, planDigest: string) => call("POST", `/v1/executions/${executionId}/confirm`, { key, body: { planDigest } });

async function confirmationEvents(executionId: string) {
  const key = (await defaultAdmin()).key;
  const { traceId } = (await (await call("GET", `/v1/executions/${executionId}`, { key })).json()) as { traceId: string };
  const trace = (await (await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key })).json()) as { events: { type: string; payload?: Record<string, unknown> }[] };
  return trace.events.filter((e) => e.type === "controlPlane.plan.confirmation_resolved" || e.type === "controlPlane.plan.confirmation_refused");
}

describe("confirming a Slack request through the API with the requester's own key", () => {
  it("accepts the key of the person the Slack identity was linked to before asking; their key reads the execution too", async () => {
    const ann = await personWith("slack:T0001:U0ANN");
    const { executionId, planDigest } = await slackRequest("U0ANN");
    expect((await call("GET", `/v1/executions/${executionId}`, { key: ann.key })).status).toBe(200);
    const res = await confirm(ann.key, executionId, planDigest);
    expect(res.status).toBe(200);
    expect(await confirmationEvents(executionId)).toMatchObject([
      { type: "controlPlane.plan.confirmation_resolved", payload: { decision: "confirmed", planDigest, via: "api", by: { id: ann.principalId } } },
    ]);
  });

  it("refuses another person's key: hidden (404) without tenant-wide reach, NOT_REQUESTER with it", async () => {
    await personWith("slack:T0001:U0ANN2");
    const ben = await personWith("slack:T0001:U0BEN");
    const benAudit = await createKey(await defaultAdmin(), [CORE, AUDIT], { principalId: ben.principalId });
    const { executionId, planDigest } = await slackRequest("U0ANN2");
    const hidden = await confirm(ben.key, executionId, planDigest);
    expect(hidden.status).toBe(404);
    expect((await problem(hidden)).code).toBe("EXECUTION_NOT_FOUND");
    const refused = await confirm(benAudit.key, executionId, planDigest);
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe("NOT_REQUESTER");
    expect(await confirmationEvents(executionId)).toMatchObject([{ type: "controlPlane.plan.confirmation_refused", payload: { code: "NOT_REQUESTER", by: { id: ben.principalId } } }]);
  });

  it("refuses a key of no person (a principal with no channel identity), and the admin's, with NOT_REQUESTER once it can see the execution", async () => {
    const a = await defaultAdmin();
    const nobody = await createKey(a, [CORE]);
    const nobodyAudit = await createKey(a, [CORE, AUDIT], { principalId: nobody.principalId });
    const { executionId, planDigest } = await slackRequest("U0CAROL");
    expect((await confirm(nobody.key, executionId, planDigest)).status).toBe(404);
    for (const key of [nobodyAudit.key, a.key]) {
      const refused = await confirm(key, executionId, planDigest);
      expect(refused.status).toBe(403);
      expect((await problem(refused)).code).toBe("NOT_REQUESTER");
    }
    expect((await confirmationEvents(executionId)).map((e) => e.payload?.code)).toEqual(["NOT_REQUESTER", "NOT_REQUESTER"]);
  });

  it("a link made after the request shows the execution but does not make its key the requester the execution pinned", async () => {
    const { executionId, planDigest } = await slackRequest("U0LATE");
    const late = await personWith("slack:T0001:U0LATE");
    expect((await call("GET", `/v1/executions/${executionId}`, { key: late.key })).status).toBe(200);
    const refused = await confirm(late.key, executionId, planDigest);
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe("NOT_REQUESTER");
  });
});

describe("the channel principal's own key", () => {
  it("reads what its own Slack identity asked, not what another Slack user asked", async () => {
    const a = await defaultAdmin();
    const asked = await slackRequest("U0DAVE");
    const other = await slackRequest("U0ERIN");
    const dave = await createKey(a, [CORE], { principalId: channelPrincipalId("default-tenant", "slack:T0001:U0DAVE") });
    expect((await call("GET", `/v1/executions/${asked.executionId}`, { key: dave.key })).status).toBe(200);
    expect((await call("GET", `/v1/executions/${other.executionId}`, { key: dave.key })).status).toBe(404);
    expect((await confirm(dave.key, other.executionId, other.planDigest)).status).toBe(404);
  });

  it("once its Slack identity is linked to someone else, that person reads what it asked, the channel principal's key no longer", async () => {
    const a = await defaultAdmin();
    const asked = await slackRequest("U0FRAN");
    const fran = await personWith("slack:T0001:U0FRAN");
    const former = await createKey(a, [CORE], { principalId: channelPrincipalId("default-tenant", "slack:T0001:U0FRAN") });
    expect((await call("GET", `/v1/executions/${asked.executionId}`, { key: fran.key })).status).toBe(200);
    expect((await call("GET", `/v1/executions/${asked.executionId}`, { key: former.key })).status).toBe(404);
  });
});
