import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";
import { executionStub } from "../support/runtime.ts";
import { advanceClock, restoreClock, runText } from "./support/flow.ts";

const DAY = 86_400_000;
let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("archive-self");
});
afterEach(() => restoreClock());

async function objectState(executionId: string): Promise<{ tables: string[]; alarm: number | null }> {
  return runInDurableObject(executionStub(executionId), async (_instance, state) => ({
    tables: state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_%' ESCAPE '\\'").toArray().map((r) => r.name),
    alarm: await state.storage.getAlarm(),
  }));
}

it("a finished execution's watchdog is replaced by its archive alarm: no wake-up for nothing 30 s after start", async () => {
  const run = await runText(admin, "reply and rest");
  const served = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { at: string }[] };
  const archiveAt = Date.parse(served.events.at(-1)?.at ?? "") + 90 * DAY + 1;
  // The alarm is set right after the last outcome settles: wait for it, without running any alarm.
  let alarm: number | null = null;
  for (let i = 0; i < 40 && alarm !== archiveAt; i++) {
    alarm = (await objectState(run.executionId)).alarm;
    if (alarm !== archiveAt) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(alarm).toBe(archiveAt);
});

it("a finished execution archives itself from its own alarm once past TRACE_RETENTION_DAYS, with no scheduled sweep", async () => {
  const run = await runText(admin, "reply and archive yourself");
  // The chain is the object's (D1 keeps only the index row); its last event is the last one trace.get serves.
  const served = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { at: string }[] };
  const lastAt = served.events.at(-1);
  // Once its earlier alarm (the watchdog) has run, the next is set for the end of the window after its last event.
  await runDurableObjectAlarm(executionStub(run.executionId));
  const before = await objectState(run.executionId);
  expect(before.tables).toContain("events");
  expect(before.alarm).toBe(Date.parse(lastAt?.at ?? "") + 90 * DAY + 1);

  // Inside the window the alarm changes nothing.
  advanceClock(89 * DAY);
  await runDurableObjectAlarm(executionStub(run.executionId));
  expect((await objectState(run.executionId)).tables).toContain("events");

  advanceClock(2 * DAY);
  expect(await runDurableObjectAlarm(executionStub(run.executionId))).toBe(true);
  expect(await objectState(run.executionId)).toEqual({ tables: [], alarm: null });
  const row = await env.DB.prepare("SELECT archive_key, storage_purged_at FROM executions WHERE id = ?").bind(run.executionId).first<{ archive_key: string | null; storage_purged_at: string | null }>();
  expect(row?.archive_key).toMatch(/^archives\/archive-self\/[0-9a-f]{64}\.json$/);
  expect(row?.storage_purged_at).not.toBeNull();
  expect((await env.DB.prepare("SELECT count(*) AS n FROM trace_events WHERE trace_id = ?").bind(run.traceId).first<{ n: number }>())?.n).toBe(0);
  expect((await env.TRACES.list({ prefix: `traces/archive-self/${run.traceId}/` })).objects).toEqual([]);

  // And it still reads and replays, from the archive.
  const trace = await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key });
  expect(trace.status).toBe(200);
  expect(((await trace.json()) as { chain: { valid: boolean } }).chain.valid).toBe(true);
  const replay = await call("POST", `/v1/executions/${run.executionId}/replay`, { key: admin.key, body: {} });
  expect(((await replay.json()) as { outcome: string }).outcome).toBe("consistent");
});

it("the window runs from an execution's last event: one that waited for approval and ended late is not archived yet", async () => {
  const run = await runText(admin, "label acme/web#3 bug");
  advanceClock(91 * DAY);
  await runDurableObjectAlarm(executionStub(run.executionId));
  expect((await objectState(run.executionId)).tables).toContain("events");
  const row = await env.DB.prepare("SELECT archive_key FROM executions WHERE id = ?").bind(run.executionId).first<{ archive_key: string | null }>();
  expect(row?.archive_key).toBeNull();
});
