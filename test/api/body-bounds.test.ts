import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { API_BODY_LIMIT } from "../../workers/api/app.ts";
import { DECISION_BODY_LIMIT } from "../../workers/approvals/routes.ts";
import { DASHBOARD_FORM_LIMIT } from "../../workers/dashboard/routes.tsx";
import { type Admin, BOOTSTRAP_TOKEN, bootstrap, call, problem } from "../support/api.ts";
import { approver, firstStep, runText, viewOf } from "../governance/support.ts";
import { csrfOf, login, ORIGIN } from "../dashboard/support.ts";

const CHUNK = 16 * 1024;

/** A body of `total` bytes without a declared length, counting how much of it was ever pulled. */
function unlengthed(total: number, prefix = "") {
  const state = { pulled: 0 };
  const head = new TextEncoder().encode(prefix);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = sent === 0 ? new Uint8Array(CHUNK).fill(0x61).map((b, i) => head[i] ?? b) : new Uint8Array(CHUNK).fill(0x61);
      sent += chunk.byteLength;
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

type Send = (body: BodyInit, headers: Record<string, string>) => Promise<Response>;

async function expectRefusedUnread(limit: number, send: Send, contentType: string, prefix: string) {
  // Declared: the length alone refuses it.
  const declared = await send(prefix + "a".repeat(limit + 1 - prefix.length), { "content-type": contentType });
  expect(declared.status).toBe(413);
  expect((await problem(declared)).code).toBe("PAYLOAD_TOO_LARGE");
  expect(declared.headers.get("set-cookie")).toBeNull();

  // Chunked, no length: refused once the count crosses the limit, long before the 4 MiB are pulled.
  const { stream, state } = unlengthed(4 * 1024 * 1024, prefix);
  const chunked = await send(stream, { "content-type": contentType });
  expect(chunked.status).toBe(413);
  expect((await problem(chunked)).code).toBe("PAYLOAD_TOO_LARGE");
  expect(chunked.headers.get("set-cookie")).toBeNull();
  expect(state.pulled).toBeLessThanOrEqual(limit + 4 * CHUNK);
}

const fetchAt =
  (method: string, path: string, extra: Record<string, string> = {}): Send =>
  (body, headers) =>
    exports.default.fetch(`http://cp.test${path}`, { method, body, headers: { ...extra, ...headers }, redirect: "manual" });

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("bounds");
});

describe("every body is bounded before it is read", () => {
  it("POST /dashboard/login (unauthenticated): 413 problem+json, no session", async () => {
    await expectRefusedUnread(DASHBOARD_FORM_LIMIT, fetchAt("POST", "/dashboard/login", { origin: ORIGIN }), "application/x-www-form-urlencoded", `key=${admin.key}&x=`);
  });

  it("dashboard approve and reject forms: 413, the step keeps waiting with no vote", async () => {
    const run = await runText(admin, "close acme/app#21");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    const ann = await approver(admin);
    const session = await login(ann.key);
    const fields = `stepId=${step.stepId}&_csrf=${await csrfOf(session)}&reason=`;
    for (const verb of ["approve", "reject"]) {
      await expectRefusedUnread(
        DASHBOARD_FORM_LIMIT,
        fetchAt("POST", `/dashboard/executions/${run.executionId}/${verb}`, { origin: ORIGIN, cookie: session }),
        "application/x-www-form-urlencoded",
        fields,
      );
    }
    const after = firstStep(await viewOf(admin.key, run.executionId));
    expect(after.state).toBe("waiting_approval");
    const trace = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { type: string }[] };
    expect(trace.events.map((e) => e.type)).not.toContain("controlPlane.execution.step.vote_recorded");
  });

  it("POST /approve/{token}: 413 before the link is even checked, and the step keeps waiting", async () => {
    const run = await runText(admin, "close acme/app#22");
    const ann = await approver(admin);
    const listed = (await (await call("GET", "/v1/approvals", { key: ann.key })).json()) as { items: { executionId: string; link: string | null }[] };
    const link = listed.items.find((i) => i.executionId === run.executionId)?.link;
    if (link == null) throw new Error("no link");
    const path = new URL(link).pathname;
    await expectRefusedUnread(DECISION_BODY_LIMIT, fetchAt("POST", path), "application/x-www-form-urlencoded", "decision=approve&x=");
    await expectRefusedUnread(DECISION_BODY_LIMIT, fetchAt("POST", path), "application/json", '{"decision":"approve","x":"');
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");
    // The link was not spent: it still decides.
    expect((await call("POST", path, { body: "decision=approve", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(200);
  });

  it("the operator API, bootstrap included: 413 and nothing recorded", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM intents").first<{ n: number }>();
    await expectRefusedUnread(API_BODY_LIMIT, fetchAt("POST", "/v1/intents", { authorization: `Bearer ${admin.key}` }), "application/json", '{"channel":"api","replyTo":{"kind":"none"},"text":"reply hi","x":"');
    expect(await env.DB.prepare("SELECT count(*) AS n FROM intents").first<{ n: number }>()).toEqual(before);

    await expectRefusedUnread(API_BODY_LIMIT, fetchAt("POST", "/v1/bootstrap", { authorization: `Bearer ${BOOTSTRAP_TOKEN}` }), "application/json", '{"tenantId":"bounds-two","x":"');
    expect(await env.DB.prepare("SELECT count(*) AS n FROM tenants WHERE id = 'bounds-two'").first<{ n: number }>()).toEqual({ n: 0 });
  });
});
