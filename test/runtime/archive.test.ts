import { createScheduledController, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { digestOfArchiveKey } from "../../engine/trace-archive.ts";
import { sha256Hex } from "../../engine/hash.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { runText, slackPosts } from "./support/flow.ts";

const DAY = 86_400_000;
let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("archive");
});

async function runCron(at: Date): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: "*/5 * * * *" }), env);
}

interface IndexRow {
  archive_key: string | null;
  archive_head_seq: number | null;
  archive_head_hash: string | null;
  archived_at: string | null;
  storage_purged_at: string | null;
}

async function indexRow(executionId: string): Promise<IndexRow> {
  const row = await env.DB.prepare("SELECT archive_key, archive_head_seq, archive_head_hash, archived_at, storage_purged_at FROM executions WHERE id = ?").bind(executionId).first<IndexRow>();
  if (row === null) throw new Error(`no index row for ${executionId}`);
  return row;
}

async function traceRows(traceId: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM trace_events WHERE trace_id = ?").bind(traceId).first<{ n: number }>())?.n ?? -1;
}

/** Every table, row and byte the object's SQLite holds. */
async function objectStorage(executionId: string): Promise<{ tables: string[]; bytes: number; alarm: number | null }> {
  return runInDurableObject(executionStub(executionId), async (_instance, state) => ({
    tables: state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_%' ESCAPE '\\'").toArray().map((r) => r.name),
    bytes: state.storage.sql.databaseSize,
    alarm: await state.storage.getAlarm(),
  }));
}

it("archives a finished execution past TRACE_RETENTION_DAYS into one digest-addressed R2 object, then empties its object and D1's trace rows", async () => {
  const done = await runText(admin, "reply archived soon");
  const before = await objectStorage(done.executionId);
  expect(before.tables).toContain("events");
  // The chain lives in the object; D1 holds only the execution's index row (with its head), no trace rows.
  expect(await traceRows(done.traceId)).toBe(0);
  const headBefore = await env.DB.prepare("SELECT head_seq AS seq, head_hash AS hash FROM executions WHERE id = ?").bind(done.executionId).first<{ seq: number; hash: string }>();
  expect(headBefore?.seq).toBeGreaterThan(0);
  const payloadsBefore = await env.TRACES.list({ prefix: `traces/${admin.tenantId}/${done.traceId}/` });
  expect(payloadsBefore.objects.length).toBeGreaterThan(0);

  // Inside the window: nothing moves.
  await runCron(new Date(Date.now() + 89 * DAY));
  expect((await indexRow(done.executionId)).archive_key).toBeNull();
  expect(await traceRows(done.traceId)).toBe(0);

  await runCron(new Date(Date.now() + 91 * DAY));
  const row = await indexRow(done.executionId);
  expect(row.archive_key).toMatch(new RegExp(`^archives/${admin.tenantId}/[0-9a-f]{64}\\.json$`));
  // The archive ends at the head the index recorded while the chain lived in the object.
  expect(row.archive_head_seq).toBe(headBefore?.seq);
  expect(row.archive_head_hash).toBe(headBefore?.hash);
  expect(row.archive_head_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(row.archived_at).not.toBeNull();
  expect(row.storage_purged_at).not.toBeNull();

  // The archive is addressed by the digest of its bytes, and holds the whole chain.
  const stored = await env.TRACES.get(row.archive_key ?? "");
  const body = (await stored?.text()) ?? "";
  expect(sha256Hex(body)).toBe(digestOfArchiveKey(row.archive_key ?? ""));
  const archive = JSON.parse(body) as { links: { event: { seq: number; hash: string } }[]; documents: Record<string, unknown>; inputs: unknown[] };
  expect(archive.links).toHaveLength((headBefore?.seq ?? -1) + 1);
  expect(archive.links.at(-1)?.event.hash).toBe(row.archive_head_hash);
  expect(Object.keys(archive.documents)).toEqual(expect.arrayContaining(["identity", "plan", "policy", "state"]));
  expect(archive.inputs.length).toBeGreaterThan(0);

  // Deleted: the object's storage, D1's trace rows, the trace's payload objects.
  const after = await objectStorage(done.executionId);
  expect(after.tables).toEqual([]);
  expect(after.alarm).toBeNull();
  expect(after.bytes).toBeLessThan(before.bytes);
  expect(await traceRows(done.traceId)).toBe(0);
  expect((await env.TRACES.list({ prefix: `traces/${admin.tenantId}/${done.traceId}/` })).objects).toEqual([]);

  // A later run finds nothing left to do for it.
  await runCron(new Date(Date.now() + 92 * DAY));
  expect(await indexRow(done.executionId)).toEqual(row);
});

it("a purged object woken by a stray handoff runs nothing again and recreates nothing", async () => {
  const done = await runText(admin, "reply then archive");
  await runCron(new Date(Date.now() + 91 * DAY));
  expect((await indexRow(done.executionId)).storage_purged_at).not.toBeNull();
  const stub = executionStub(done.executionId);
  expect(await stub.started()).toBe(false);
  const intent = JSON.parse(
    (await env.DB.prepare("SELECT body FROM intents WHERE execution_id = ?").bind(done.executionId).first<{ body: string }>())?.body ?? "null",
  ) as Parameters<typeof stub.start>[0]["intent"];
  const posts = (await slackPosts()).length;
  // The answer is the outcome the index recorded, as for any repeated start; the object stays empty.
  expect(await stub.start({ executionId: done.executionId, intentId: done.intentId, traceId: done.traceId, intent })).toEqual({ status: "succeeded" });
  expect((await objectStorage(done.executionId)).tables).toEqual([]);
  expect(await stub.started()).toBe(false);
  expect(await runDurableObjectAlarm(stub)).toBe(false);
  expect((await slackPosts()).length).toBe(posts);
});

it("leaves an execution inside the window as it is", async () => {
  const recent = await runText(admin, "reply just now");
  await runCron(new Date(Date.now() + 1 * DAY));
  expect((await indexRow(recent.executionId)).archive_key).toBeNull();
  expect((await objectStorage(recent.executionId)).tables).toContain("events");
});

it("an object never empties itself for an archive that no longer holds all it recorded (ARCHIVE_STALE), nor for one that is gone", async () => {
  const done = await runText(admin, "reply then a late cancel");
  const stub = executionStub(done.executionId);
  const attempt = await stub.archive({ before: new Date(Date.now() + 91 * DAY).toISOString() });
  if (!attempt.ok) throw new Error(`not archived: ${attempt.code}`);
  // Recorded after the archive was written: a cancel reaching the finished execution (ignored, but recorded as an input).
  expect((await stub.cancel({ type: "human", id: "late-operator" })).ignored).not.toBeNull();
  expect(await stub.purge(attempt.ref)).toEqual({ ok: false, code: "ARCHIVE_STALE" });
  expect((await objectStorage(done.executionId)).tables).toContain("events");

  const fresh = await stub.archive({ before: new Date(Date.now() + 91 * DAY).toISOString() });
  if (!fresh.ok) throw new Error(`not archived: ${fresh.code}`);
  expect(fresh.ref.key).not.toBe(attempt.ref.key);
  await env.TRACES.delete(fresh.ref.key);
  expect(await stub.purge(fresh.ref)).toEqual({ ok: false, code: "ARCHIVE_MISSING" });
  expect((await objectStorage(done.executionId)).tables).toContain("events");

  // The sweep records the current archive and then empties the object.
  await runCron(new Date(Date.now() + 91 * DAY));
  expect((await indexRow(done.executionId)).storage_purged_at).not.toBeNull();
  expect((await objectStorage(done.executionId)).tables).toEqual([]);
});

it("another tenant cannot read an archived execution, nor point its own index row at it", async () => {
  const done = await runText(admin, "reply for one tenant only");
  await runCron(new Date(Date.now() + 91 * DAY));
  const key = (await indexRow(done.executionId)).archive_key;
  const other = await bootstrap("archive-other");
  expect((await call("GET", `/v1/traces/${done.traceId}`, { key: other.key })).status).toBe(404);
  expect((await call("POST", `/v1/executions/${done.executionId}/replay`, { key: other.key, body: {} })).status).toBe(404);

  // The other tenant's own archived execution, its index row edited to name the first tenant's archive.
  const mine = await runText(other, "reply of the other tenant");
  await runCron(new Date(Date.now() + 91 * DAY));
  await env.DB.prepare("UPDATE executions SET archive_key = ? WHERE id = ?").bind(key, mine.executionId).run();
  const res = await call("GET", `/v1/traces/${mine.traceId}`, { key: other.key });
  expect(res.status).toBe(409);
  expect((await problem(res)).code).toBe("ARCHIVE_DIGEST_MISMATCH");
});
