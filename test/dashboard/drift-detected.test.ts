import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { runText, tamperFirstToolOutcome } from "../runtime/support/flow.ts";
import { editObjectEvent } from "../runtime/support/object-chain.ts";
import { login, page } from "./support.ts";

interface AlertRow {
  tenant_id: string;
  kind: string;
  execution_id: string;
  trace_id: string;
  detail: string;
}

let admin: Admin;
let other: Admin;
beforeAll(async () => {
  admin = await bootstrap("drift-detected");
  other = await bootstrap("drift-other");
});
beforeEach(() => standin.reset());

async function alertsOf(executionId: string): Promise<AlertRow[]> {
  const { results } = await env.DB.prepare("SELECT tenant_id, kind, execution_id, trace_id, detail FROM drift_alerts WHERE execution_id = ?")
    .bind(executionId)
    .all<AlertRow>();
  return results;
}

it("a trace read that finds a link tampered in the execution's object records trace_chain_broken, shown on the drift page of that tenant only", async () => {
  const { executionId, traceId } = await runText(admin, "reply untouched");
  const sound = await call("GET", `/v1/traces/${traceId}`, { key: admin.key });
  expect(((await sound.json()) as { chain: { valid: boolean } }).chain.valid).toBe(true);
  expect(await alertsOf(executionId)).toEqual([]);

  await editObjectEvent(executionId, 3, (e) => ({ ...e, actor: { ...(e.actor as object), id: "someone-else" } }));
  const res = await call("GET", `/v1/traces/${traceId}`, { key: admin.key });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { chain: { valid: boolean; brokenAtSeq: number | null } }).chain).toMatchObject({ valid: false, brokenAtSeq: 3 });

  const rows = await alertsOf(executionId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ kind: "trace_chain_broken", trace_id: traceId, tenant_id: admin.tenantId });
  expect(JSON.parse(rows[0]?.detail ?? "null")).toMatchObject({ brokenAtSeq: 3 });

  const mine = await page("/dashboard/alerts", await login(admin.key));
  expect(mine.status).toBe(200);
  expect(mine.html).toContain("broken trace chain");
  expect(mine.html).toContain(executionId);
  expect(mine.html).not.toContain("Not built");

  const theirs = await page("/dashboard/alerts", await login(other.key));
  expect(theirs.status).toBe(200);
  expect(theirs.html).not.toContain(executionId);
  expect(theirs.html).toContain("No drift recorded.");
});

it("a replay that diverges from a tampered recorded outcome records replay_divergence; the answer is unchanged", async () => {
  const { executionId } = await runText(admin, "reply hello");
  const before = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(((await before.json()) as { outcome: string }).outcome).toBe("consistent");
  expect(await alertsOf(executionId)).toEqual([]);

  expect(await tamperFirstToolOutcome(executionId)).toBe(1);

  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  const report = (await res.json()) as { executionId: string; outcome: string; differences: { stage: string }[] };
  expect(report.outcome).toBe("diff");
  expect(report.differences[0]?.stage).toBe("executor");

  const rows = await alertsOf(executionId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ kind: "replay_divergence", tenant_id: admin.tenantId });
  const detail = JSON.parse(rows[0]?.detail ?? "null") as { differences: { stage: string }[] };
  expect(detail.differences[0]?.stage).toBe("executor");

  const mine = await page("/dashboard/alerts", await login(admin.key));
  expect(mine.html).toContain("replay divergence");
  expect(mine.html).toContain(executionId);
  expect((await page("/dashboard/alerts", await login(other.key))).html).not.toContain(executionId);

  // The other tenant cannot reach the execution either, and no alert is recorded for it.
  expect((await call("POST", `/v1/executions/${executionId}/replay`, { key: other.key, body: {} })).status).toBe(404);
  expect((await alertsOf(executionId)).every((r) => r.tenant_id === admin.tenantId)).toBe(true);
});

it("the same drift found again counts on its first alert; a different finding on the same execution is an alert of its own", async () => {
  const { executionId, traceId } = await runText(admin, "reply watched");
  await editObjectEvent(executionId, 3, (e) => ({ ...e, actor: { ...(e.actor as object), id: "someone-else" } }));
  for (let i = 0; i < 3; i++) expect((await call("GET", `/v1/traces/${traceId}`, { key: admin.key })).status).toBe(200);

  const counted = async () =>
    (
      await env.DB.prepare("SELECT detections, detected_at, last_detected_at FROM drift_alerts WHERE execution_id = ? ORDER BY detected_at")
        .bind(executionId)
        .all<{ detections: number; detected_at: string; last_detected_at: string }>()
    ).results;
  const once = await counted();
  expect(once.map((r) => r.detections)).toEqual([3]);
  expect((once[0]?.last_detected_at ?? "") >= (once[0]?.detected_at ?? "~")).toBe(true);
  expect((await page("/dashboard/alerts", await login(admin.key))).html).toContain("found 3 times since");

  // Tampering an earlier event moves where the chain breaks: a new finding, not a repeat of the old one.
  await editObjectEvent(executionId, 1, (e) => ({ ...e, actor: { ...(e.actor as object), id: "someone-else" } }));
  expect((await call("GET", `/v1/traces/${traceId}`, { key: admin.key })).status).toBe(200);
  expect((await counted()).map((r) => r.detections)).toEqual([3, 1]);
});
