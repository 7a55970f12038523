import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { runText } from "./support/flow.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("tamper-d1");
});

interface TraceAnswer {
  events: { seq: number }[];
  chain: { valid: boolean; brokenAtSeq: number | null };
}

async function traceOf(traceId: string): Promise<TraceAnswer> {
  const res = await call("GET", `/v1/traces/${traceId}`, { key: admin.key });
  expect(res.status).toBe(200);
  return (await res.json()) as TraceAnswer;
}

it("detects a modified D1 trace_events row: chain.valid is false and brokenAtSeq names it", async () => {
  const { traceId } = await runText(admin, "reply untouched");
  expect((await traceOf(traceId)).chain).toMatchObject({ valid: true, brokenAtSeq: null });

  await env.DB.prepare("UPDATE trace_events SET actor_id = 'someone-else' WHERE trace_id = ? AND seq = 3").bind(traceId).run();
  expect((await traceOf(traceId)).chain).toEqual(expect.objectContaining({ valid: false, brokenAtSeq: 3 }));
});

it("detects a deleted D1 trace_events row, in the middle and at the head", async () => {
  const middle = await runText(admin, "reply first");
  await env.DB.prepare("DELETE FROM trace_events WHERE trace_id = ? AND seq = 2").bind(middle.traceId).run();
  const gap = await traceOf(middle.traceId);
  expect(gap.chain.valid).toBe(false);
  // The gap is reported where the missing link should be.
  expect(gap.chain.brokenAtSeq).toBe(2);

  const head = await runText(admin, "reply second");
  const before = await traceOf(head.traceId);
  const last = before.events.at(-1)?.seq ?? -1;
  expect(last).toBeGreaterThan(0);
  await env.DB.prepare("DELETE FROM trace_events WHERE trace_id = ? AND seq = ?").bind(head.traceId, last).run();
  const truncated = await traceOf(head.traceId);
  expect(truncated.chain.valid).toBe(false);
  expect(truncated.chain.brokenAtSeq).not.toBeNull();
});
