import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import { appendEvent, hashEvent, verifyChain } from "../../engine/trace.ts";
import { traceEvents } from "../../schema/index.ts";
import { database } from "../../workers/db.ts";
import { registryTraceStub } from "../../workers/skills/registry-trace.ts";
import { rowOfEvent } from "../../workers/trace/event-row.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { trust } from "./support/api-skills.ts";
import { testKey } from "./support/keys.ts";

interface TraceAnswer {
  executionId: string;
  events: { seq: number; payloadStatus?: string; payload?: unknown }[];
  chain: { valid: boolean; brokenAtSeq: number | null };
}

/** A tenant whose skill registry trace has `links` events (one per trusted key). */
async function tenantWithRegistryTrace(tenantId: string, links: number): Promise<Admin> {
  const admin = await bootstrap(tenantId);
  for (let i = 0; i < links; i++) expect((await trust(admin, (await testKey(40 + i, `pub${i}`)).trusted)).status).toBe(201);
  return admin;
}

async function registryTraceOf(admin: Admin, query = ""): Promise<TraceAnswer> {
  const res = await call("GET", `/v1/traces/sr_${admin.tenantId}${query}`, { key: admin.key });
  expect(res.status).toBe(200);
  return (await res.json()) as TraceAnswer;
}

async function alertsOf(admin: Admin, kind: string): Promise<{ detail: string }[]> {
  const { results } = await env.DB.prepare("SELECT detail FROM drift_alerts WHERE tenant_id = ? AND trace_id = ? AND kind = ?")
    .bind(admin.tenantId, `sr_${admin.tenantId}`, kind)
    .all<{ detail: string }>();
  return results;
}

async function d1(query: string, ...values: unknown[]): Promise<void> {
  await env.DB.prepare(query).bind(...values).run();
}

it("a registry trace whose last rows are deleted no longer verifies, and the read raises a drift alert", async () => {
  const admin = await tenantWithRegistryTrace("registry-truncated", 5);
  expect((await registryTraceOf(admin)).chain).toMatchObject({ valid: true, brokenAtSeq: null });
  expect(await alertsOf(admin, "trace_chain_broken")).toEqual([]);

  await d1("DELETE FROM trace_events WHERE trace_id = ? AND seq >= 3", `sr_${admin.tenantId}`);
  const truncated = await registryTraceOf(admin);
  expect(truncated.events.map((e) => e.seq)).toEqual([0, 1, 2]);
  expect(truncated.chain).toMatchObject({ valid: false, brokenAtSeq: 3 });
  const [alert] = await alertsOf(admin, "trace_chain_broken");
  expect(JSON.parse(alert?.detail ?? "null")).toMatchObject({ brokenAtSeq: 3 });
});

it("a registry trace with a deleted middle row or an edited hash does not verify", async () => {
  const gap = await tenantWithRegistryTrace("registry-gap", 4);
  await d1("DELETE FROM trace_events WHERE trace_id = ? AND seq = 1", `sr_${gap.tenantId}`);
  expect((await registryTraceOf(gap)).chain).toMatchObject({ valid: false, brokenAtSeq: 1 });

  const edited = await tenantWithRegistryTrace("registry-edited", 3);
  await d1("UPDATE trace_events SET hash = ? WHERE trace_id = ? AND seq = 2", "f".repeat(64), `sr_${edited.tenantId}`);
  expect((await registryTraceOf(edited)).chain).toMatchObject({ valid: false, brokenAtSeq: 2 });
  expect(await alertsOf(edited, "trace_chain_broken")).toHaveLength(1);
});

it("the last link rewritten with a freshly computed hash does not verify: it is not the head the writer kept", async () => {
  const admin = await tenantWithRegistryTrace("registry-rewritten-head", 2);
  const traceId = `sr_${admin.tenantId}`;
  const served = (await registryTraceOf(admin)).events as unknown as TraceEvent[];
  const [first, second] = served;
  if (first === undefined || second === undefined) throw new Error("expected two links");
  const rewritten = { ...second, at: "2020-01-01T00:00:00.000Z" };
  rewritten.hash = hashEvent(rewritten);
  // D1 alone cannot tell: the rewritten chain is internally sound.
  expect(verifyChain([first, rewritten])).toEqual({ ok: true });
  await d1("UPDATE trace_events SET at = ?, hash = ? WHERE trace_id = ? AND seq = 1", rewritten.at, rewritten.hash, traceId);
  expect((await registryTraceOf(admin)).chain).toMatchObject({ valid: false, brokenAtSeq: 1 });
});

it("a registry trace whose rows are all deleted answers as a broken chain, not 404, and new events still append after the head", async () => {
  const admin = await tenantWithRegistryTrace("registry-emptied", 2);
  await d1("DELETE FROM trace_events WHERE trace_id = ?", `sr_${admin.tenantId}`);
  const emptied = await registryTraceOf(admin);
  expect(emptied).toMatchObject({ executionId: `sr_${admin.tenantId}`, events: [], chain: { valid: false, brokenAtSeq: 0 } });
  expect(await alertsOf(admin, "trace_chain_broken")).toHaveLength(1);

  // The writer keeps its own head: the next link follows seq 1, so D1 cannot be reset to a fresh chain.
  expect((await trust(admin, (await testKey(60, "later")).trusted)).status).toBe(201);
  const after = await registryTraceOf(admin);
  expect(after.events.map((e) => e.seq)).toEqual([2]);
  expect(after.chain.valid).toBe(false);
});

it("a tenant with no registry events has no registry trace (404), another tenant's registry trace neither", async () => {
  const admin = await bootstrap("registry-none");
  const other = await tenantWithRegistryTrace("registry-other", 1);
  expect((await call("GET", `/v1/traces/sr_${admin.tenantId}`, { key: admin.key })).status).toBe(404);
  expect((await call("GET", `/v1/traces/sr_${other.tenantId}`, { key: admin.key })).status).toBe(404);
});

it("a registry payload edited in R2 is reported tampered and not served; the others are verified", async () => {
  const admin = await tenantWithRegistryTrace("registry-payload", 2);
  const sound = await registryTraceOf(admin, "?includePayloads=true");
  expect(sound.events.map((e) => e.payloadStatus)).toEqual(["verified", "verified"]);

  const row = await env.DB.prepare("SELECT payload_ref FROM trace_events WHERE trace_id = ? AND seq = 1").bind(`sr_${admin.tenantId}`).first<{ payload_ref: string }>();
  const object = await env.TRACES.get(row?.payload_ref ?? "");
  const text = (await object?.text()) ?? "";
  await env.TRACES.put(row?.payload_ref ?? "", text.replace(/"publisher":"pub1"/, '"publisher":"pubX"'));

  const read = await registryTraceOf(admin, "?includePayloads=true");
  expect(read.chain.valid).toBe(true);
  expect(read.events[0]).toMatchObject({ payloadStatus: "verified" });
  expect(read.events[1]?.payloadStatus).toBe("tampered");
  expect(read.events[1]).not.toHaveProperty("payload");
  const [alert] = await alertsOf(admin, "trace_payload_tampered");
  expect(JSON.parse(alert?.detail ?? "null")).toEqual({ payloads: [{ seq: 1, status: "tampered" }] });
});

/** A well-formed next link after the last one served, as someone writing D1 directly could make it. */
async function forgedNext(admin: Admin): Promise<TraceEvent> {
  const last = (await registryTraceOf(admin)).events.at(-1) as unknown as TraceEvent;
  return appendEvent(last, { ...last, type: "controlPlane.trustedKey.added", at: "2020-01-01T00:00:00.000Z" });
}

it("a link forged into D1 past the writer's head is never served, and the writer refuses to append over it", async () => {
  const admin = await tenantWithRegistryTrace("registry-forged-tail", 2);
  await database(env.DB).insert(traceEvents).values(rowOfEvent(await forgedNext(admin)));

  const read = await registryTraceOf(admin);
  expect(read.events.map((e) => e.seq)).toEqual([0, 1]);
  expect(read.chain.valid).toBe(true);

  const refused = await trust(admin, (await testKey(70, "after-forgery")).trusted);
  expect(refused.status).toBe(500);
  expect((await registryTraceOf(admin)).events.map((e) => e.seq)).toEqual([0, 1]);
});

it("an append interrupted before D1 took it is dropped; one D1 took becomes the head", async () => {
  const admin = await tenantWithRegistryTrace("registry-interrupted", 1);
  const traceId = `sr_${admin.tenantId}`;
  const stub = registryTraceStub(env, admin.tenantId);
  const lost = await forgedNext(admin);
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec("INSERT INTO anchor (k, v) VALUES ('pending', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", JSON.stringify(lost));
  });
  expect(await stub.head(admin.tenantId, traceId)).toMatchObject({ seq: 0 });

  const landed = await forgedNext(admin);
  await database(env.DB).insert(traceEvents).values(rowOfEvent(landed));
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec("INSERT INTO anchor (k, v) VALUES ('pending', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", JSON.stringify(landed));
  });
  expect(await stub.head(admin.tenantId, traceId)).toEqual({ seq: 1, hash: landed.hash });
  expect((await registryTraceOf(admin)).events.map((e) => e.seq)).toEqual([0, 1]);
});
