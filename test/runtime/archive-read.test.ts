import { createScheduledController, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { type ExecutionArchive, sealArchive } from "../../engine/trace-archive.ts";
import { hashEvent } from "../../engine/trace.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { executionStub, type Submitted } from "../support/runtime.ts";
import { runText } from "./support/flow.ts";

const DAY = 86_400_000;
let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("archive-read");
});

interface TracePage {
  events: { seq: number; hash: string; payload?: unknown; payloadStatus?: string }[];
  nextCursor: string | null;
  chain: { valid: boolean; checkedThroughSeq: number; brokenAtSeq: number | null };
}

async function runCron(at: Date): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: "*/5 * * * *" }), env);
}

const traceGet = (traceId: string, query = "includePayloads=true") => call("GET", `/v1/traces/${traceId}?${query}`, { key: admin.key });
const replay = (executionId: string) => call("POST", `/v1/executions/${executionId}/replay`, { key: admin.key, body: {} });

async function archiveKeyOf(executionId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT archive_key FROM executions WHERE id = ?").bind(executionId).first<{ archive_key: string | null }>();
  if (row?.archive_key == null) throw new Error(`${executionId} is not archived`);
  return row.archive_key;
}

async function tables(executionId: string): Promise<string[]> {
  return runInDurableObject(executionStub(executionId), (_instance, state) =>
    state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_%' ESCAPE '\\'").toArray().map((r) => r.name),
  );
}

/** Runs an execution to its end and archives it (the cron past the window); returns what its trace was before. */
async function archived(text: string): Promise<{ run: Submitted; live: TracePage }> {
  const run = await runText(admin, text);
  const live = (await (await traceGet(run.traceId)).json()) as TracePage;
  expect(live.chain.valid).toBe(true);
  await runCron(new Date(Date.now() + 91 * DAY));
  expect(await tables(run.executionId)).toEqual([]);
  return { run, live };
}

it("an archived execution's trace is served from its archive: same links, payloads verified, chain valid; its object stays empty", async () => {
  const { run, live } = await archived("reply kept in the archive");
  const res = await traceGet(run.traceId);
  expect(res.status).toBe(200);
  const page = (await res.json()) as TracePage;
  expect(page.chain).toEqual({ valid: true, checkedThroughSeq: live.events.length - 1, brokenAtSeq: null });
  expect(page.events.map((e) => e.hash)).toEqual(live.events.map((e) => e.hash));
  expect(page.events.map((e) => e.payload)).toEqual(live.events.map((e) => e.payload));
  expect(page.events.every((e) => e.payloadStatus === "verified")).toBe(true);

  // Paged like a live trace.
  const first = (await (await traceGet(run.traceId, "limit=2")).json()) as TracePage;
  expect(first.events.map((e) => e.seq)).toEqual([0, 1]);
  expect(first.nextCursor).not.toBeNull();
  const rest = (await (await traceGet(run.traceId, `limit=500&cursor=${encodeURIComponent(first.nextCursor ?? "")}`)).json()) as TracePage;
  expect(rest.events[0]?.seq).toBe(2);
  expect(rest.nextCursor).toBeNull();
  expect(await tables(run.executionId)).toEqual([]);
});

it("execution.get shows an archived execution from its archive, as it was when it ended", async () => {
  const run = await runText(admin, "reply shown after archiving");
  const live = await call("GET", `/v1/executions/${run.executionId}`, { key: admin.key });
  const before = (await live.json()) as Record<string, unknown>;
  await runCron(new Date(Date.now() + 91 * DAY));
  expect(await tables(run.executionId)).toEqual([]);
  const res = await call("GET", `/v1/executions/${run.executionId}`, { key: admin.key });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(before);
  expect(await tables(run.executionId)).toEqual([]);
});

it("an archived execution still replays, consistently, from its archive; its object stays empty", async () => {
  const { run } = await archived("reply then replay me");
  const res = await replay(run.executionId);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { outcome: string; eventsCompared: number; differences: unknown[] };
  expect(body).toMatchObject({ outcome: "consistent", differences: [] });
  expect(body.eventsCompared).toBeGreaterThan(0);
  expect(await tables(run.executionId)).toEqual([]);
  // The model is not asked again for an archived execution.
  const live = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: { live: true } });
  expect(live.status).toBe(409);
  expect((await problem(live)).code).toBe("LIVE_REPLAY_ARCHIVED");
});

it("refuses an archive with one flipped byte: ARCHIVE_DIGEST_MISMATCH for trace.get and replay", async () => {
  const { run } = await archived("reply to be tampered with");
  const key = await archiveKeyOf(run.executionId);
  const bytes = new Uint8Array(await ((await env.TRACES.get(key))?.arrayBuffer() ?? Promise.resolve(new ArrayBuffer(0))));
  const at = bytes.indexOf("r".charCodeAt(0), bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  await env.TRACES.put(key, bytes);

  for (const res of [await traceGet(run.traceId), await replay(run.executionId)]) {
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("ARCHIVE_DIGEST_MISMATCH");
  }
});

it("answers ARCHIVE_MISSING when the archive object is gone", async () => {
  const { run } = await archived("reply whose archive goes missing");
  await env.TRACES.delete(await archiveKeyOf(run.executionId));
  for (const res of [await traceGet(run.traceId), await replay(run.executionId)]) {
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("ARCHIVE_MISSING");
  }
});

it("refuses an archive rewritten with an edited event and resealed, even with the index row pointed at it: TRACE_CHAIN_BROKEN", async () => {
  const { run } = await archived("reply whose history is rewritten");
  const key = await archiveKeyOf(run.executionId);
  const archive = JSON.parse((await (await env.TRACES.get(key))?.text()) ?? "null") as ExecutionArchive;
  const edited = archive.links[1];
  if (edited === undefined) throw new Error("archive too short");
  edited.event = { ...edited.event, at: "2020-01-01T00:00:00.000Z" };
  const { body, ref } = sealArchive(archive);
  await env.TRACES.put(ref.key, body);
  await env.DB.prepare("UPDATE executions SET archive_key = ? WHERE id = ?").bind(ref.key, run.executionId).run();
  // The edit does not even hold for the edited link's own hash.
  expect(hashEvent(edited.event)).not.toBe(edited.event.hash);

  const res = await traceGet(run.traceId);
  expect(res.status).toBe(409);
  expect((await problem(res)).code).toBe("TRACE_CHAIN_BROKEN");
  const replayed = await replay(run.executionId);
  expect(replayed.status).toBe(409);
  expect((await problem(replayed)).code).toBe("TRACE_CHAIN_BROKEN");
});
