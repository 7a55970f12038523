import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { TraceEvent } from "../../contracts/common/trace.ts";
import { appendEvent } from "../../engine/trace.ts";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { runText } from "./support/flow.ts";
import { deleteObjectEvents, editObjectEvent, indexHead } from "./support/object-chain.ts";

// The chain lives in the ExecutionDO's SQLite; D1 keeps one index row per execution with the head (seq, hash)
// recorded when the links were copied. trace.get reads the chain from the object and checks it against that head.

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("tamper-object");
});

interface TraceAnswer {
  events: { seq: number }[];
  chain: { valid: boolean; brokenAtSeq: number | null; checkedThroughSeq: number };
}

async function traceOf(traceId: string): Promise<TraceAnswer> {
  const res = await call("GET", `/v1/traces/${traceId}`, { key: admin.key });
  expect(res.status).toBe(200);
  return (await res.json()) as TraceAnswer;
}

it("D1 holds one index row per execution with the chain's head, and no trace_events rows", async () => {
  const { executionId, traceId } = await runText(admin, "reply indexed");
  const answer = await traceOf(traceId);
  const head = await indexHead(executionId);
  expect(head?.seq).toBe(answer.chain.checkedThroughSeq);
  expect(head?.hash).toMatch(/^[0-9a-f]{64}$/);
  const rows = await env.DB.prepare("SELECT count(*) AS n FROM trace_events WHERE trace_id = ?").bind(traceId).first<{ n: number }>();
  expect(rows?.n).toBe(0);
});

it("detects a modified link in the object: chain.valid is false and brokenAtSeq names it", async () => {
  const { executionId, traceId } = await runText(admin, "reply untouched");
  expect((await traceOf(traceId)).chain).toMatchObject({ valid: true, brokenAtSeq: null });
  await editObjectEvent(executionId, 3, (e) => ({ ...e, actor: { ...(e.actor as object), id: "someone-else" } }));
  expect((await traceOf(traceId)).chain).toEqual(expect.objectContaining({ valid: false, brokenAtSeq: 3 }));
});

it("detects a deleted link, in the middle and at the head (the index head catches a cut tail)", async () => {
  const middle = await runText(admin, "reply first");
  await deleteObjectEvents(middle.executionId, "seq = 2");
  const gap = await traceOf(middle.traceId);
  expect(gap.chain.valid).toBe(false);
  expect(gap.chain.brokenAtSeq).toBe(2);

  const head = await runText(admin, "reply second");
  const last = (await traceOf(head.traceId)).events.at(-1)?.seq ?? -1;
  expect(last).toBeGreaterThan(0);
  await deleteObjectEvents(head.executionId, "seq = ?", last);
  const truncated = await traceOf(head.traceId);
  expect(truncated.chain.valid).toBe(false);
  expect(truncated.chain.brokenAtSeq).toBe(last);
});

it("a chain rewritten whole in the object, every hash recomputed, does not verify against the head D1 indexed", async () => {
  const { executionId, traceId } = await runText(admin, "reply rewritten");
  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const rows = state.storage.sql.exec<{ seq: number; event: string }>("SELECT seq, event FROM events ORDER BY seq").toArray();
    let prev: TraceEvent | undefined;
    for (const row of rows) {
      const { seq: _s, prevHash: _p, hash: _h, ...fields } = JSON.parse(row.event) as TraceEvent;
      const rewritten = appendEvent(prev, row.seq === 1 ? { ...fields, at: "2020-01-01T00:00:00.000Z" } : fields);
      state.storage.sql.exec("UPDATE events SET event = ? WHERE seq = ?", JSON.stringify(rewritten), row.seq);
      prev = rewritten;
    }
  });
  const read = await traceOf(traceId);
  expect(read.chain.valid).toBe(false);
  expect(read.chain.brokenAtSeq).toBe((await indexHead(executionId))?.seq);
});

it("an index head edited in D1 does not match the object's chain", async () => {
  const { executionId, traceId } = await runText(admin, "reply head edited");
  await env.DB.prepare("UPDATE executions SET head_hash = ? WHERE id = ?").bind("e".repeat(64), executionId).run();
  const read = await traceOf(traceId);
  expect(read.chain).toMatchObject({ valid: false, brokenAtSeq: (await indexHead(executionId))?.seq });
});
