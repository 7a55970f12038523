import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { splitPayloadRef } from "../../durable-objects/payload-key.ts";
import { retentionDays } from "../../workers/trace/retention.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { getExecution, runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("retention");
});

interface TracePage {
  events: { seq: number; payloadRef?: string; payload?: unknown; payloadPruned?: true }[];
  chain: { valid: boolean; brokenAtSeq: number | null };
}

async function trace(traceId: string): Promise<TracePage> {
  const res = await call("GET", `/v1/traces/${traceId}?includePayloads=true`, { key: admin.key });
  expect(res.status).toBe(200);
  return (await res.json()) as TracePage;
}

async function runCron(at: Date): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: "*/5 * * * *" }), env);
}

// A finished execution past the window is archived whole (archive.test.ts); one still waiting keeps its chain
// in its object and loses only its payloads, which its index row records.
it("prunes payloads of an unfinished execution past TRACE_RETENTION_DAYS from R2 on the schedule, while the chain still verifies and says what was pruned", async () => {
  expect(retentionDays(env)).toBe(90);
  const old = await runText(admin, "label acme/web#1 bug");
  expect((await getExecution(admin, old.executionId)).status).toBe("waiting_approval");
  const before = await trace(old.traceId);
  expect(before.events.every((e) => e.payload !== undefined && e.payloadPruned === undefined)).toBe(true);
  const refs = before.events.flatMap((e) => (e.payloadRef === undefined ? [] : [e.payloadRef]));
  expect(refs.length).toBeGreaterThan(0);

  // A run inside the window prunes nothing.
  await runCron(new Date(Date.now() + 89 * 86_400_000));
  expect((await trace(old.traceId)).events.every((e) => e.payloadPruned === undefined)).toBe(true);

  await runCron(new Date(Date.now() + 91 * 86_400_000));
  const after = await trace(old.traceId);
  expect(after.chain).toEqual(expect.objectContaining({ valid: true, brokenAtSeq: null }));
  expect(after.events).toHaveLength(before.events.length);
  for (const event of after.events) {
    expect(event.payloadPruned).toBe(true);
    expect(event.payload).toBeUndefined();
  }
  for (const ref of refs) expect(await env.TRACES.head(splitPayloadRef(ref).objectKey)).toBeNull();
});

it("keeps the payloads of a trace still inside the window", async () => {
  const recent = await runText(admin, "reply just now");
  await runCron(new Date(Date.now() + 1 * 86_400_000));
  const page = await trace(recent.traceId);
  expect(page.chain.valid).toBe(true);
  expect(page.events.every((e) => e.payload !== undefined && e.payloadPruned === undefined)).toBe(true);
});

it("refuses a malformed TRACE_RETENTION_DAYS instead of pruning on a guess", () => {
  expect(() => retentionDays({ TRACE_RETENTION_DAYS: "ninety" })).toThrow(/positive number/);
  expect(() => retentionDays({ TRACE_RETENTION_DAYS: "0" })).toThrow(/positive number/);
  expect(retentionDays({})).toBeNull();
});
