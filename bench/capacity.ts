/**
 * `npm run bench:capacity`: what one execution costs each store, measured on the built Worker in Miniflare
 * with storage persisted to a temporary directory, then a simulation of 10,000 tenants sending 10,000
 * webhooks per second over those measured costs.
 *
 *  1. N one-step executions (`reply hi` into a Slack thread at the stand-in) run to completion and mirrored.
 *     Measured per execution against the empty deployment (the baseline, same run): D1 bytes per table
 *     (SQLite `dbstat` on the database file) and rows per table; ExecutionDO SQLite bytes and rows (every
 *     object's database file, `dbstat`); R2 objects and bytes.
 *  2. The retention sweep (the scheduled handler, its clock set past TRACE_RETENTION_DAYS) run until every
 *     execution is archived; the same figures again, and the sweep's executions per run and time per run.
 *  3. The simulation prints writes per second per object and per database, bytes per day and at the
 *     retention window's steady state per store, and which ceiling is hit first.
 *
 * Stores are measured as SQLite pages in use (what `dbstat` reports), not file sizes, so freed pages do not count.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { startStandin } from "./standin-server.ts";
import { applyMigrations, buildWorker, controlPlaneOptions } from "./lib/worker.ts";
import { bootstrapTenant, expectJson } from "./lib/tenant.ts";
import { simulate, type Measured, printSimulation } from "./lib/capacity-model.ts";

const COUNT = Number(process.env.BENCH_CAPACITY_EXECUTIONS ?? 200);
const ROUNDS = Number(process.env.BENCH_CAPACITY_ROUNDS ?? 4);
const CONCURRENCY = 8;
const RETENTION_DAYS = 90;
const BOOTSTRAP_TOKEN = "bench-bootstrap-token";
const SLACK_SIGNING_SECRET = "bench-slack-signing-secret";
const TENANT = "capacity";
const SLACK_THREAD = { kind: "slack", teamId: "T0CAPACITY", channelId: "C0CAPACITY", threadTs: "1700000000.000001" };

interface SqliteUse {
  files: number;
  bytes: number;
  rows: Record<string, number>;
  bytesByTable: Record<string, number>;
}

interface Snapshot {
  d1: SqliteUse;
  objects: SqliteUse;
  r2: { objects: number; bytes: number; byPrefix: Record<string, { objects: number; bytes: number }> };
}

function sqliteFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sqliteFiles(path, out);
    else if (entry.name.endsWith(".sqlite")) out.push(path);
  }
  return out;
}

/** Pages in use per table and rows per table of one SQLite file, read from a copy (the runtime keeps it open). */
function readSqlite(file: string, scratch: string): { bytesByTable: Record<string, number>; rows: Record<string, number> } {
  const copy = join(scratch, "copy.sqlite");
  for (const suffix of ["", "-wal"]) {
    rmSync(copy + suffix, { force: true });
    if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
  }
  rmSync(`${copy}-shm`, { force: true });
  const db = new DatabaseSync(copy);
  try {
    const bytesByTable: Record<string, number> = {};
    for (const r of db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as { name: string; bytes: number }[]) bytesByTable[r.name] = r.bytes;
    const rows: Record<string, number> = {};
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
      rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
    }
    return { bytesByTable, rows };
  } finally {
    db.close();
  }
}

function sum(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function measureSqlite(files: string[], scratch: string): SqliteUse {
  const use: SqliteUse = { files: files.length, bytes: 0, rows: {}, bytesByTable: {} };
  for (const file of files) {
    const { bytesByTable, rows } = readSqlite(file, scratch);
    sum(use.bytesByTable, bytesByTable);
    sum(use.rows, rows);
  }
  use.bytes = Object.values(use.bytesByTable).reduce((a, b) => a + b, 0);
  return use;
}

async function snapshot(mf: Miniflare, persist: string, scratch: string): Promise<Snapshot> {
  const files = sqliteFiles(persist);
  const d1 = files.filter((f) => f.includes(`${"/"}d1${"/"}`) || f.includes("D1DatabaseObject"));
  const objects = files.filter((f) => f.includes("ExecutionDO"));
  const bucket = await mf.getR2Bucket("TRACES");
  const r2: Snapshot["r2"] = { objects: 0, bytes: 0, byPrefix: {} };
  let cursor: string | undefined;
  do {
    const listed = await bucket.list({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    for (const o of listed.objects) {
      const prefix = o.key.startsWith("archives/") ? "archives" : o.key.includes("/payloads/") ? "payload segments" : "other";
      const p = (r2.byPrefix[prefix] ??= { objects: 0, bytes: 0 });
      p.objects++;
      p.bytes += o.size;
      r2.objects++;
      r2.bytes += o.size;
    }
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor !== undefined);
  return { d1: measureSqlite(d1, scratch), objects: measureSqlite(objects, scratch), r2 };
}

async function bootstrap(base: string): Promise<string> {
  return bootstrapTenant(base, TENANT, { bootstrapToken: BOOTSTRAP_TOKEN, slackSigningSecret: SLACK_SIGNING_SECRET }, SLACK_THREAD.teamId);
}

async function runExecutions(base: string, key: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(new URL("/v1/intents", base), {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ channel: "slack", replyTo: SLACK_THREAD, text: "reply hi" }),
      });
      await expectJson(res, 202, "intent.submit");
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function scalar(mf: Miniflare, sql: string): Promise<number> {
  const db = await mf.getD1Database("DB");
  return (await db.prepare(sql).first<{ n: number }>())?.n ?? 0;
}

/** Until every intent is handed off and every execution's index row is terminal (mirrored). */
async function quiescent(mf: Miniflare, deadlineMs = 180_000): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const open = await scalar(
      mf,
      "SELECT (SELECT count(*) FROM intents WHERE status = 'received') + (SELECT count(*) FROM executions WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'rejected')) AS n",
    );
    if (open === 0) return;
    if (performance.now() - t0 > deadlineMs) throw new Error(`${open} intents or executions still open after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function perExecution(after: Record<string, number>, before: Record<string, number>, n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d / n;
  }
  return out;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
function table(title: string, record: Record<string, number>): void {
  console.log(`  ${title}`);
  for (const [k, v] of Object.entries(record).sort((a, b) => b[1] - a[1])) console.log(`    ${k.padEnd(36)} ${fmt(v).padStart(10)}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "bench-capacity-"));
  const persist = join(work, "state");
  const scratch = join(work, "scratch");
  mkdirSync(scratch, { recursive: true });
  const standin = await startStandin();
  let mf: Miniflare | undefined;
  try {
    const script = buildWorker(join(work, "dist"));
    mf = new Miniflare(
      convertV4MiniflareOptions({
        host: "127.0.0.1",
        port: 0,
        handleStructuredLogs: () => {},
        resourcePersistencePath: persist,
        unsafeTriggerHandlers: true,
        workers: [controlPlaneOptions(script, standin.url, { ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN, SLACK_SIGNING_SECRET, TRACE_RETENTION_DAYS: String(RETENTION_DAYS) })],
      }),
    );
    const base = (await mf.ready).href;
    await applyMigrations(mf);
    const key = await bootstrap(base);

    const empty = await snapshot(mf, persist, scratch);
    // Steady load: rounds of executions, each followed by the retention sweep with its clock past the window.
    const perRound = Math.ceil(COUNT / ROUNDS);
    const rounds: { live: Snapshot; archived: Snapshot }[] = [];
    const runs: number[] = [];
    let ranSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      await runExecutions(base, key, perRound);
      await quiescent(mf);
      ranSeconds += (performance.now() - t0) / 1000;
      const live = await snapshot(mf, persist, scratch);
      const at = Date.now() + (RETENTION_DAYS + 1) * 86_400_000;
      for (let i = 0; i < 1000 && (await scalar(mf, "SELECT count(*) AS n FROM executions WHERE storage_purged_at IS NULL")) > 0; i++) {
        const s = performance.now();
        const res = await fetch(new URL(`/cdn-cgi/local/scheduled?time=${at}&cron=${encodeURIComponent("*/5 * * * *")}`, base));
        if (!res.ok) throw new Error(`scheduled: ${res.status} ${await res.text()}`);
        runs.push(performance.now() - s);
      }
      rounds.push({ live, archived: await snapshot(mf, persist, scratch) });
    }
    const total = perRound * ROUNDS;
    const archivedCount = await scalar(mf, "SELECT count(*) AS n FROM executions WHERE storage_purged_at IS NOT NULL");
    const first = rounds[0];
    if (first === undefined) throw new Error("no rounds");
    // Per-execution costs: the first round against the empty deployment (the baseline of the same run).
    const live = first.live;
    const archived = first.archived;
    const n1 = perRound;

    console.log(`bench:capacity — ${total} one-step executions (reply hi) in ${ROUNDS} rounds, run in ${ranSeconds.toFixed(1)} s, each round archived by the retention sweep (${runs.length} scheduled runs)`);
    console.log(`\nMeasured per execution over the first ${n1}, against the empty deployment of the same run (baseline: D1 ${empty.d1.bytes} B, ${empty.objects.files} object files, R2 ${empty.r2.bytes} B)`);
    console.log("\n Live (finished, inside the retention window)");
    table("D1 bytes by table/index", perExecution(live.d1.bytesByTable, empty.d1.bytesByTable, n1));
    table("D1 rows by table", perExecution(live.d1.rows, empty.d1.rows, n1));
    table("ExecutionDO SQLite bytes by table/index", perExecution(live.objects.bytesByTable, empty.objects.bytesByTable, n1));
    table("ExecutionDO SQLite rows by table", perExecution(live.objects.rows, empty.objects.rows, n1));
    console.log(`  R2: ${fmt((live.r2.objects - empty.r2.objects) / n1)} objects, ${fmt((live.r2.bytes - empty.r2.bytes) / n1)} bytes`);
    console.log("\n After archiving");
    table("D1 bytes by table/index", perExecution(archived.d1.bytesByTable, empty.d1.bytesByTable, n1));
    table("D1 rows by table", perExecution(archived.d1.rows, empty.d1.rows, n1));
    console.log(`  ExecutionDO SQLite: ${fmt((archived.objects.bytes - empty.objects.bytes) / n1)} bytes per object in use (${archived.objects.files} database files holding ${sumValues(archived.objects.rows)} rows)`);
    console.log(`  R2: ${fmt((archived.r2.objects - empty.r2.objects) / n1)} objects, ${fmt((archived.r2.bytes - empty.r2.bytes) / n1)} bytes`);
    const sweepMs = runs.reduce((a, b) => a + b, 0);
    console.log(`  sweep: ${fmt(archivedCount / Math.max(1, runs.length))} executions per scheduled run, ${fmt(sweepMs / Math.max(1, runs.length))} ms per run`);

    console.log(`\nSteady load: ${perRound} executions per round, then the sweep (totals in the deployment)`);
    console.log("  round  stage     D1 bytes   D1 trace rows  DO bytes  DO rows  R2 payload bytes  R2 archive bytes");
    rounds.forEach((r, i) => {
      for (const [stage, snap] of [["live", r.live], ["archived", r.archived]] as const) {
        const p = snap.r2.byPrefix;
        console.log(
          `  ${String(i + 1).padStart(5)}  ${stage.padEnd(8)} ${String(snap.d1.bytes).padStart(9)} ${String(snap.d1.rows["trace_events"] ?? 0).padStart(14)} ${String(snap.objects.bytes).padStart(9)} ${String(sumValues(snap.objects.rows)).padStart(8)} ${String(p["payload segments"]?.bytes ?? 0).padStart(17)} ${String(p["archives"]?.bytes ?? 0).padStart(17)}`,
        );
      }
    });

    const measured: Measured = {
      events: ((live.d1.rows["trace_events"] ?? 0) - (empty.d1.rows["trace_events"] ?? 0)) / n1,
      d1LiveBytes: (live.d1.bytes - empty.d1.bytes) / n1,
      d1LiveRows: sumValues(perExecution(live.d1.rows, empty.d1.rows, n1)),
      d1ArchivedBytes: (archived.d1.bytes - empty.d1.bytes) / n1,
      d1ArchivedRows: sumValues(perExecution(archived.d1.rows, empty.d1.rows, n1)),
      objectLiveBytes: (live.objects.bytes - empty.objects.bytes) / n1,
      objectLiveRows: sumValues(perExecution(live.objects.rows, empty.objects.rows, n1)),
      objectArchivedBytes: Math.max(0, (archived.objects.bytes - empty.objects.bytes) / n1),
      r2LiveObjects: (live.r2.objects - empty.r2.objects) / n1,
      r2LiveBytes: (live.r2.bytes - empty.r2.bytes) / n1,
      r2ArchivedBytes: (archived.r2.bytes - empty.r2.bytes) / n1,
      sweepPerRun: archivedCount / Math.max(1, runs.length),
      sweepMsPerRun: sweepMs / Math.max(1, runs.length),
    };
    printSimulation(simulate(measured));
    const last = rounds.at(-1)?.archived;
    if (archivedCount !== total || (last?.d1.rows["trace_events"] ?? 0) !== 0 || sumValues(last?.objects.rows ?? {}) !== 0) {
      console.error(`FAIL: ${total - archivedCount} executions not archived, or trace rows or object rows left after the sweep`);
      process.exitCode = 1;
    }
  } finally {
    await mf?.dispose();
    await standin.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

await main();
