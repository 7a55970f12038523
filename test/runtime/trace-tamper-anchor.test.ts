import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { digestOf } from "../../engine/hash.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { standin } from "../support/standin.ts";
import { login, page } from "../dashboard/support.ts";
import { runText } from "./support/flow.ts";
import { deleteObjectEvents, editObjectEvent } from "./support/object-chain.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("tamper-anchor");
});
beforeEach(() => standin.reset());

interface TraceAnswer {
  executionId: string;
  events: { seq: number; payloadRef: string; payloadDigest: string; payload?: unknown; payloadStatus?: string }[];
  chain: { valid: boolean; brokenAtSeq: number | null; checkedThroughSeq: number };
}

async function traceOf(traceId: string, query = ""): Promise<TraceAnswer> {
  const res = await call("GET", `/v1/traces/${traceId}${query}`, { key: admin.key });
  expect(res.status).toBe(200);
  return (await res.json()) as TraceAnswer;
}

async function alertsOf(executionId: string, kind: string): Promise<unknown[]> {
  const { results } = await env.DB.prepare("SELECT detail FROM drift_alerts WHERE tenant_id = ? AND execution_id = ? AND kind = ?")
    .bind(admin.tenantId, executionId, kind)
    .all<{ detail: string }>();
  return results.map((r) => JSON.parse(r.detail) as unknown);
}

it("an execution whose chain is all deleted from its object answers a broken chain, not 404, raises an alert, and the dashboard shows it", async () => {
  const { executionId, traceId } = await runText(admin, "reply gone");
  const sound = await traceOf(traceId);
  const last = sound.chain.checkedThroughSeq;
  expect(last).toBeGreaterThan(0);

  await deleteObjectEvents(executionId, "seq >= 0");
  const emptied = await traceOf(traceId);
  expect(emptied).toMatchObject({ executionId, events: [], chain: { valid: false, brokenAtSeq: 0, checkedThroughSeq: last } });
  expect(await alertsOf(executionId, "trace_chain_broken")).toEqual([expect.objectContaining({ brokenAtSeq: 0 })]);

  const shown = await page(`/dashboard/executions/${executionId}`, await login(admin.key));
  expect(shown.status).toBe(200);
  expect(shown.html).toContain("Chain BROKEN at seq 0");
  expect(shown.html).not.toContain("No trace events yet.");
});

it("an execution trace whose last links are deleted from its object, or whose hash is edited, does not verify against the head D1 indexed", async () => {
  const truncated = await runText(admin, "reply cut");
  const last = (await traceOf(truncated.traceId)).chain.checkedThroughSeq;
  await deleteObjectEvents(truncated.executionId, "seq > ?", last - 3);
  const cut = await traceOf(truncated.traceId);
  expect(cut.events.at(-1)?.seq).toBe(last - 3);
  expect(cut.chain).toMatchObject({ valid: false, brokenAtSeq: last - 2 });

  const edited = await runText(admin, "reply edited");
  await editObjectEvent(edited.executionId, 2, (e) => ({ ...e, hash: "e".repeat(64) }));
  expect((await traceOf(edited.traceId)).chain).toMatchObject({ valid: false, brokenAtSeq: 2 });
});

it("a payload byte edited in its R2 segment is reported tampered, not served, and raises a drift alert", async () => {
  const { executionId, traceId } = await runText(admin, "reply original words");
  const sound = await traceOf(traceId, "?includePayloads=true");
  expect(sound.events.every((e) => e.payloadStatus === "verified" && e.payload !== undefined)).toBe(true);

  const segmentKey = sound.events[0]?.payloadRef.split("#")[0] ?? "";
  const text = (await (await env.TRACES.get(segmentKey))?.text()) ?? "";
  expect(text).toContain("original words");
  await env.TRACES.put(segmentKey, text.replace("original words", "original wordz"));

  const read = await traceOf(traceId, "?includePayloads=true");
  expect(read.chain.valid).toBe(true);
  const tampered = read.events.filter((e) => e.payloadStatus === "tampered");
  expect(tampered.length).toBeGreaterThan(0);
  expect(tampered.every((e) => e.payload === undefined)).toBe(true);
  expect(JSON.stringify(read.events)).not.toContain("original wordz");
  expect(read.events.filter((e) => e.payloadStatus === "verified").length).toBe(read.events.length - tampered.length);
  expect(await alertsOf(executionId, "trace_payload_tampered")).toEqual([{ payloads: tampered.map((e) => ({ seq: e.seq, status: "tampered" })) }]);
  const alerts = await page("/dashboard/alerts", await login(admin.key));
  expect(alerts.html).toContain("tampered trace payload");
  expect(alerts.html).toContain(`trace payload tampered: execution ${executionId}`);
});

it("a segment replaced by one whose digests are recomputed over other payloads is reported tampered", async () => {
  const { traceId } = await runText(admin, "reply replaced");
  const sound = await traceOf(traceId, "?includePayloads=true");
  const segmentKey = sound.events[0]?.payloadRef.split("#")[0] ?? "";
  const forged = Object.fromEntries(
    sound.events.map((e) => {
      const payload = { ...(e.payload as Record<string, unknown>), forged: true };
      return [digestOf(payload), payload];
    }),
  );
  await env.TRACES.put(segmentKey, JSON.stringify(forged));

  const read = await traceOf(traceId, "?includePayloads=true");
  expect(read.events.map((e) => e.payloadStatus)).toEqual(sound.events.map(() => "tampered"));
  expect(JSON.stringify(read.events)).not.toContain("forged");
});

it("a deleted segment reads as missing (not served, alerted); payloads not asked for are not read", async () => {
  const { executionId, traceId } = await runText(admin, "reply deleted");
  const sound = await traceOf(traceId, "?includePayloads=true");
  await env.TRACES.delete(sound.events[0]?.payloadRef.split("#")[0] ?? "");
  expect((await traceOf(traceId)).events.every((e) => e.payloadStatus === undefined)).toBe(true);
  const read = await traceOf(traceId, "?includePayloads=true");
  expect(read.events.every((e) => e.payloadStatus === "missing")).toBe(true);
  expect(await alertsOf(executionId, "trace_payload_tampered")).toHaveLength(1);
});

it("a replay of an execution whose D1 index head was edited answers from its Durable Object and raises the broken-chain alert", async () => {
  const { executionId, traceId } = await runText(admin, "reply replayed");
  const head = await env.DB.prepare("SELECT head_seq AS seq FROM executions WHERE id = ?").bind(executionId).first<{ seq: number }>();
  expect(head?.seq).toBeGreaterThan(3);
  await env.DB.prepare("UPDATE executions SET head_hash = ? WHERE id = ?").bind("e".repeat(64), executionId).run();
  const res = await call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { outcome: string }).outcome).toBe("consistent");
  expect(await alertsOf(executionId, "trace_chain_broken")).toEqual([expect.objectContaining({ brokenAtSeq: head?.seq })]);

  // The trace read finds the same break: one alert, seen twice.
  expect((await traceOf(traceId)).chain).toMatchObject({ valid: false, brokenAtSeq: head?.seq });
  const { results } = await env.DB.prepare("SELECT detections FROM drift_alerts WHERE execution_id = ? AND kind = 'trace_chain_broken'").bind(executionId).all<{ detections: number }>();
  expect(results).toEqual([{ detections: 2 }]);
});
