import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../workers/db.ts";
import { recordDriftAlert } from "../../workers/drift/record-alert.ts";
import { type Admin, bootstrap, call, createKey, ensureBound, problem } from "../support/api.ts";
import type { Submitted } from "../support/runtime.ts";
import { login, page } from "../dashboard/support.ts";
import { runText, slackThread } from "./support.ts";

const CORE = "control-plane.core";
const AUDIT = "control-plane.audit";
const issuesOnly = { tools: ["github.issue.*"] };

let admin: Admin;
let narrowed: { key: string; principalId: string };
let mine: Submitted;
let theirs: Submitted;

const as = (key: string): Admin => ({ ...admin, key });

async function statusOf(executionId: string): Promise<string> {
  const res = await call("GET", `/v1/executions/${executionId}`, { key: admin.key });
  return ((await res.json()) as { status: string }).status;
}

async function listed(key: string): Promise<string[]> {
  const res = await call("GET", "/v1/executions", { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { executionId: string }[] }).items.map((e) => e.executionId);
}

/** A hidden execution answers exactly as one that does not exist: same status, code and wording. */
async function expectHidden(res: Response, code: string, id: string) {
  expect(res.status).toBe(404);
  const body = await problem(res);
  expect(body.code).toBe(code);
  return body.detail.replace(id, "<id>");
}

beforeAll(async () => {
  admin = await bootstrap("reach");
  // Both of its grants narrowed: a narrowed audit grant gives no tenant-wide reach.
  narrowed = await createKey(admin, [{ capability: CORE, ...issuesOnly }, { capability: AUDIT, ...issuesOnly }] as unknown as string[]);
  const other = await createKey(admin, [CORE]);
  // The reply target is bound by the admin once; the narrowed keys only use it.
  await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
  mine = await runText(as(narrowed.key), "close acme/app#9");
  theirs = await runText(as(other.key), "close acme/app#5");
  expect(await statusOf(theirs.executionId)).toBe("waiting_approval");
});

describe("what a narrowed key can see", () => {
  it("reads its own execution, and another principal's answers 404 exactly like one that does not exist", async () => {
    expect((await call("GET", `/v1/executions/${mine.executionId}`, { key: narrowed.key })).status).toBe(200);
    const hidden = await expectHidden(await call("GET", `/v1/executions/${theirs.executionId}`, { key: narrowed.key }), "EXECUTION_NOT_FOUND", theirs.executionId);
    const missing = "ex_00000000000000000000000000";
    expect(await expectHidden(await call("GET", `/v1/executions/${missing}`, { key: narrowed.key }), "EXECUTION_NOT_FOUND", missing)).toBe(hidden);
  });

  it("lists only its own executions; the admin lists both", async () => {
    expect(await listed(narrowed.key)).toEqual([mine.executionId]);
    expect(await listed(admin.key)).toEqual(expect.arrayContaining([mine.executionId, theirs.executionId]));
    const filtered = await call("GET", "/v1/executions?status=waiting_approval", { key: narrowed.key });
    expect(((await filtered.json()) as { items: { executionId: string }[] }).items.map((e) => e.executionId)).toEqual([mine.executionId]);
  });

  it("reads its own trace; another principal's trace answers TRACE_NOT_FOUND", async () => {
    expect((await call("GET", `/v1/traces/${mine.traceId}`, { key: narrowed.key })).status).toBe(200);
    await expectHidden(await call("GET", `/v1/traces/${theirs.traceId}?includePayloads=true`, { key: narrowed.key }), "TRACE_NOT_FOUND", theirs.traceId);
  });

  it("cannot cancel another principal's execution (404), which keeps waiting; cancels its own", async () => {
    await expectHidden(await call("POST", `/v1/executions/${theirs.executionId}/cancel`, { key: narrowed.key, body: {} }), "EXECUTION_NOT_FOUND", theirs.executionId);
    expect(await statusOf(theirs.executionId)).toBe("waiting_approval");
    const trace = (await (await call("GET", `/v1/traces/${theirs.traceId}`, { key: admin.key })).json()) as { events: { type: string }[] };
    expect(trace.events.map((e) => e.type)).not.toContain("controlPlane.execution.cancelled");

    const own = await runText(as(narrowed.key), "close acme/app#10");
    expect((await call("POST", `/v1/executions/${own.executionId}/cancel`, { key: narrowed.key, body: {} })).status).toBe(200);
    expect(await statusOf(own.executionId)).toBe("cancelled");
  });

  it("replays its own execution; another principal's answers 404", async () => {
    expect((await call("POST", `/v1/executions/${mine.executionId}/replay`, { key: narrowed.key, body: {} })).status).toBe(200);
    await expectHidden(await call("POST", `/v1/executions/${theirs.executionId}/replay`, { key: narrowed.key, body: {} }), "EXECUTION_NOT_FOUND", theirs.executionId);
  });

  it("an unnarrowed core key without audit or admin sees only its own as well", async () => {
    const plain = await createKey(admin, [CORE]);
    expect(await listed(plain.key)).toEqual([]);
    expect((await call("GET", `/v1/executions/${theirs.executionId}`, { key: plain.key })).status).toBe(404);
  });

  it("an idempotency key repeated by another principal starts its own execution instead of answering with the first", async () => {
    const body = { channel: "api", replyTo: { kind: "none" }, text: "reply hi", idempotencyKey: "shared-retry-key-1" };
    const first = (await (await call("POST", "/v1/intents", { key: admin.key, body })).json()) as { executionId: string };
    const again = (await (await call("POST", "/v1/intents", { key: admin.key, body })).json()) as { executionId: string };
    expect(again.executionId).toBe(first.executionId);
    // The same body and key from another principal: on a tenant-wide key space it answered with the first's ids.
    const other = await call("POST", "/v1/intents", { key: narrowed.key, body });
    expect(other.status).toBe(202);
    expect(((await other.json()) as { executionId: string }).executionId).not.toBe(first.executionId);
  });

  it("the dashboard runs the same handlers: its list shows its own, another's page is a 404", async () => {
    const session = await login(narrowed.key);
    const list = await page("/dashboard/executions", session);
    expect(list.status).toBe(200);
    expect(list.html).toContain(mine.executionId);
    expect(list.html).not.toContain(theirs.executionId);
    const other = await page(`/dashboard/executions/${theirs.executionId}`, session);
    expect(other.status).toBe(404);
    expect(other.html).toContain("EXECUTION_NOT_FOUND");
  });

  it("the drift alerts page shows only the alerts of its own executions", async () => {
    const db = database(env.DB);
    for (const run of [mine, theirs]) {
      await recordDriftAlert(db, { tenantId: admin.tenantId, kind: "replay_divergence", executionId: run.executionId, traceId: run.traceId, detail: { planted: true } });
    }
    const shown = await page("/dashboard/alerts", await login(narrowed.key));
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(mine.executionId);
    expect(shown.html).not.toContain(theirs.executionId);
    const all = await page("/dashboard/alerts", await login(admin.key));
    expect(all.html).toContain(theirs.executionId);
  });
});

describe("what audit and admin keys can see", () => {
  it("an unnarrowed audit grant reads every execution, trace and replay of the tenant, but cannot cancel another's", async () => {
    const auditor = await createKey(admin, [CORE, AUDIT]);
    expect(await listed(auditor.key)).toEqual(expect.arrayContaining([mine.executionId, theirs.executionId]));
    expect((await call("GET", `/v1/executions/${theirs.executionId}`, { key: auditor.key })).status).toBe(200);
    expect((await call("GET", `/v1/traces/${theirs.traceId}`, { key: auditor.key })).status).toBe(200);
    expect((await call("POST", `/v1/executions/${theirs.executionId}/replay`, { key: auditor.key, body: {} })).status).toBe(200);

    const cancel = await call("POST", `/v1/executions/${theirs.executionId}/cancel`, { key: auditor.key, body: {} });
    expect(cancel.status).toBe(403);
    expect((await problem(cancel)).code).toBe("FORBIDDEN");
    expect(await statusOf(theirs.executionId)).toBe("waiting_approval");
  });

  it("a narrowed admin grant gives no tenant-wide reach; an unnarrowed admin cancels another's execution", async () => {
    const narrowAdmin = await createKey(admin, [{ capability: "control-plane.admin", ...issuesOnly }, CORE] as unknown as string[]);
    expect(await listed(narrowAdmin.key)).toEqual([]);

    const wide = await createKey(admin, ["control-plane.admin", CORE]);
    const victim = await runText(as((await createKey(admin, [CORE])).key), "close acme/app#11");
    expect((await call("POST", `/v1/executions/${victim.executionId}/cancel`, { key: wide.key, body: {} })).status).toBe(200);
    expect(await statusOf(victim.executionId)).toBe("cancelled");
  });
});

describe("the approval queue", () => {
  it("without tenant-wide reach lists what the caller may decide and what its own executions wait for, nothing else", async () => {
    const reviewer = await createKey(admin, ["control-plane.approval", CORE]);
    const items = async (key: string) =>
      ((await (await call("GET", "/v1/approvals?mine=false", { key })).json()) as { items: { executionId: string }[] }).items.map((i) => i.executionId);
    expect(await items(reviewer.key)).toEqual([]);
    expect(await items(admin.key)).toEqual(expect.arrayContaining([theirs.executionId]));

    const requester = await createKey(admin, ["control-plane.approval", CORE]);
    const own = await runText(as(requester.key), "close acme/app#12");
    expect(await items(requester.key)).toEqual([own.executionId]);

    expect((await call("POST", "/v1/groups/approvers/members", { key: admin.key, body: { principalId: reviewer.principalId } })).status).toBe(200);
    expect(await items(reviewer.key)).toEqual(expect.arrayContaining([theirs.executionId, own.executionId]));
  });
});
