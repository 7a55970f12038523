/**
 * `npm run bench:runtime`: the built Worker's execution runtime, driven over HTTP through Miniflare's own
 * server, against a baseline round trip through the same Worker (`GET /v1/executions/{id}` of a finished
 * execution: one D1 read and one Durable Object call) measured in the same run.
 *
 *  1. one-step low-risk plan (`reply hi`, replied to a Slack thread at the stand-in): intent → completed,
 *     sequential, with the breakdown recorded → started → completed; once with an operator polling
 *     execution.get and once with nobody calling the API (the handoff alone starts the execution).
 *     "completed" is the submit (client clock) to the execution's own completedAt (server clock, same
 *     machine); "seen" is when the poll noticed, which adds up to one poll interval;
 *  2. a 100-step DAG of channel.reply steps with branches and joins: intent → completed, the same way;
 *  3. replay of 1,000 completed executions, once the previous phase's handoffs and mirrors have landed:
 *     executions per second.
 *
 * Exits 1 when a target is missed. Polling is fine here: this is a benchmark, not a test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { startStandin } from "./standin-server.ts";
import { ms, percentiles, type Percentiles } from "./lib/stats.ts";
import { applyMigrations, buildWorker, controlPlaneOptions, serve } from "./lib/worker.ts";
import { bootstrapTenant, expectJson } from "./lib/tenant.ts";

const ONE_STEP_COUNT = Number(process.env.BENCH_ONE_STEP ?? 200);
const UNPOLLED_COUNT = Number(process.env.BENCH_UNPOLLED ?? 10);
const REPLAY_COUNT = Number(process.env.BENCH_REPLAY ?? 1000);
const REPLAY_CONCURRENCY = Number(process.env.BENCH_REPLAY_CONCURRENCY ?? 8);
const DAG_STEPS = 100;
const WARMUP = 20;
const POLL_DEADLINE_MS = 20_000;
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 20);
const DAG_DEADLINE_MS = 60_000;
const TARGET = { oneStepP95Ms: 50, dagMs: 1000, replaySeconds: 10 };
const BOOTSTRAP_TOKEN = "bench-bootstrap-token";
const SLACK_SIGNING_SECRET = "bench-slack-signing-secret";
const TENANT = "bench";
const SLACK_THREAD = { kind: "slack", teamId: "T0BENCH", channelId: "C0BENCH", threadTs: "1700000000.000001" };
const TERMINAL = new Set(["succeeded", "failed", "cancelled", "rejected"]);

interface Client {
  base: string;
  key: string;
}

interface Submitted {
  executionId: string;
  traceId: string;
  status: string;
}

async function request(client: Client, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${client.key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(new URL(path, client.base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function bootstrap(base: string): Promise<Client> {
  const key = await bootstrapTenant(base, TENANT, { bootstrapToken: BOOTSTRAP_TOKEN, slackSigningSecret: SLACK_SIGNING_SECRET }, SLACK_THREAD.teamId);
  return { base, key };
}

async function submit(client: Client, body: Record<string, unknown>): Promise<Submitted> {
  return expectJson<Submitted>(await request(client, "POST", "/v1/intents", body), 202, "intent.submit");
}

interface Seen {
  status: string;
  completedAt: string | null;
}

async function viewOf(client: Client, executionId: string): Promise<Seen> {
  return expectJson<Seen>(await request(client, "GET", `/v1/executions/${executionId}`), 200, "execution.get");
}

async function statusOf(client: Client, executionId: string): Promise<string> {
  return (await viewOf(client, executionId)).status;
}

/**
 * Polls execution.get (which, like any operator call, first does the handoff's job if it has not arrived)
 * every POLL_MS, as a watching operator would. Each poll is a full API call (key check, D1 read, Durable
 * Object call) on the same workerd thread as the execution it watches, so a tighter poll slows what it
 * measures; the completion time is therefore read from the execution itself (`completedAt`, the server's
 * clock at the completing transition), and the poll only tells when to read it.
 */
async function untilDone(client: Client, executionId: string, deadlineMs = POLL_DEADLINE_MS): Promise<Seen> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const seen = await viewOf(client, executionId);
    if (TERMINAL.has(seen.status)) return seen;
    if (performance.now() > deadline) return { status: `still ${seen.status} after ${deadlineMs} ms`, completedAt: null };
  }
}

/** Server-clock time from the submit (client wall clock, same machine) to the execution's completedAt. */
function completedAfter(seen: Seen, submittedAtWall: number): number {
  return seen.completedAt === null ? Number.NaN : Date.parse(seen.completedAt) - submittedAtWall;
}

/** Reads the D1 index from outside the Worker: observing here starts nothing. */
async function indexOf(mf: Miniflare, executionId: string): Promise<{ status: string; completedAt: string | null }> {
  const db = await mf.getD1Database("DB");
  const row = await db.prepare("SELECT status, completed_at AS completedAt FROM executions WHERE id = ?").bind(executionId).first<{ status: string; completedAt: string | null }>();
  return row ?? { status: "missing", completedAt: null };
}

/**
 * Waits until the fill's trailing work has landed (every intent handed off by the queue, every execution's
 * index row terminal, i.e. mirrored), so replay throughput is measured on its own, not while the previous
 * phase's handoffs and mirrors still share the thread. Returns how long that took.
 */
async function quiescent(mf: Miniflare, deadlineMs = 60_000): Promise<number> {
  const db = await mf.getD1Database("DB");
  const t0 = performance.now();
  for (;;) {
    const row = await db
      .prepare(
        `SELECT (SELECT count(*) FROM intents WHERE status = 'received') AS pending,
                (SELECT count(*) FROM executions WHERE status NOT IN ('succeeded', 'failed', 'cancelled', 'rejected')) AS open`,
      )
      .first<{ pending: number; open: number }>();
    if (row !== null && row.pending === 0 && row.open === 0) return performance.now() - t0;
    if (performance.now() - t0 > deadlineMs) throw new Error(`still ${row?.pending} intents to hand off and ${row?.open} executions unmirrored after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Server-side time of the trace's first event (the ExecutionDO's start), as epoch ms, read from the object's chain. */
async function startedAt(mf: Miniflare, executionId: string): Promise<number> {
  const ns = await mf.getDurableObjectNamespace("EXECUTIONS");
  const stub = ns.get(ns.idFromName(executionId)) as unknown as { traceJson(): Promise<string> };
  const [first] = JSON.parse(await stub.traceJson()) as { event: { at: string } }[];
  return first === undefined ? Number.NaN : Date.parse(first.event.at);
}

interface Breakdown {
  recorded: number[];
  started: number[];
  /** Submit → the execution's completedAt (server clock). */
  completed: number[];
  /** Submit → the poll that saw it finished (client clock; includes up to one poll interval). */
  seen: number[];
  statuses: Map<string, number>;
}

function emptyBreakdown(): Breakdown {
  return { recorded: [], started: [], completed: [], seen: [], statuses: new Map() };
}

const replyHi = { channel: "slack", replyTo: SLACK_THREAD, text: "reply hi" };

/** Sequential one-step intents, each followed to completion by polling execution.get as an operator would. */
async function oneStepPolled(client: Client, mf: Miniflare, count: number, into: Breakdown): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const wall = Date.now();
    const t0 = performance.now();
    const submitted = await submit(client, replyHi);
    const recorded = performance.now() - t0;
    const seen = await untilDone(client, submitted.executionId);
    into.seen.push(performance.now() - t0);
    into.recorded.push(recorded);
    into.completed.push(completedAfter(seen, wall));
    into.started.push((await startedAt(mf, submitted.executionId)) - wall);
    into.statuses.set(seen.status, (into.statuses.get(seen.status) ?? 0) + 1);
    ids.push(submitted.executionId);
  }
  return ids;
}

/**
 * Sequential one-step intents observed only through the D1 index (which the execution updates when it
 * comes to rest): the handoff (queue, or the direct start after the record) alone must start them.
 */
async function oneStepUnpolled(client: Client, mf: Miniflare, count: number, into: Breakdown): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const wall = Date.now();
    const t0 = performance.now();
    const submitted = await submit(client, replyHi);
    into.recorded.push(performance.now() - t0);
    const deadline = t0 + POLL_DEADLINE_MS;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const seen = await indexOf(mf, submitted.executionId);
      if (TERMINAL.has(seen.status)) {
        into.seen.push(performance.now() - t0);
        into.completed.push(completedAfter(seen, wall));
        into.started.push((await startedAt(mf, submitted.executionId)) - wall);
        into.statuses.set(seen.status, (into.statuses.get(seen.status) ?? 0) + 1);
        break;
      }
      if (performance.now() > deadline) throw new Error(`execution ${submitted.executionId} not done through the handoff alone after ${POLL_DEADLINE_MS} ms`);
    }
    ids.push(submitted.executionId);
  }
  return ids;
}

/** 100 channel.reply steps: a binary tree of branches, with every seventh step also joining an earlier branch. */
function dagSteps(count: number): { key: string; tool: string; input: Record<string, unknown>; after: string[] }[] {
  return Array.from({ length: count }, (_, i) => {
    const after = new Set<string>();
    if (i > 0) after.add(`s${Math.floor((i - 1) / 2)}`);
    if (i > 7 && i % 7 === 0) after.add(`s${i - 7}`);
    return { key: `s${i}`, tool: "channel.reply", input: { text: `step ${i}` }, after: [...after] };
  });
}

async function runDag(client: Client): Promise<{ ms: number; seenMs: number; status: string; executionId: string }> {
  const wall = Date.now();
  const t0 = performance.now();
  const submitted = await submit(client, { channel: "slack", replyTo: SLACK_THREAD, steps: dagSteps(DAG_STEPS) });
  const seen = await untilDone(client, submitted.executionId, DAG_DEADLINE_MS);
  return { ms: completedAfter(seen, wall), seenMs: performance.now() - t0, status: seen.status, executionId: submitted.executionId };
}

/** Completes `count` more one-step executions, `concurrency` at a time, for the replay run. */
async function fill(client: Client, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const submitted = await submit(client, replyHi);
      await untilDone(client, submitted.executionId);
      ids.push(submitted.executionId);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

async function replayAll(client: Client, ids: readonly string[], concurrency: number): Promise<{ ms: number; outcomes: Map<string, number> }> {
  const outcomes = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const id = ids[i];
      if (id === undefined) break;
      const res = await request(client, "POST", `/v1/executions/${id}/replay`, {});
      const outcome = res.status === 200 ? (await res.json() as { outcome: string }).outcome : `http ${res.status} ${await res.text()}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: performance.now() - t0, outcomes };
}

async function baselineRoundTrips(client: Client, executionId: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await statusOf(client, executionId);
    samples.push(performance.now() - t0);
  }
  return samples;
}

const counts = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}×${n}`).join(" ");

function row(label: string, ...cells: string[]): string {
  return `${label.padEnd(34)}${cells.map((c) => c.padStart(12)).join("")}`;
}

function breakdownRows(label: string, b: Breakdown, base: Percentiles): string[] {
  const line = (what: string, samples: number[]) => {
    const p = percentiles(samples);
    return row(`${label} ${what}`, ms(p.p50), ms(p.p95), ms(p.max), `${(p.p50 / base.p50).toFixed(1)}×`, `${(p.p95 / base.p95).toFixed(1)}×`);
  };
  const rows = [line("recorded", b.recorded), line("started", b.started), line("completed", b.completed)];
  return b.seen.length === 0 ? rows : [...rows, line(`seen (${POLL_MS} ms polls)`, b.seen)];
}

async function main(): Promise<number> {
  const outdir = mkdtempSync(join(tmpdir(), "cp-bench-runtime-"));
  const standin = await startStandin();
  let mf: Miniflare | undefined;
  try {
    console.log("building the Worker (wrangler deploy --dry-run) …");
    const script = buildWorker(outdir);
    mf = serve(controlPlaneOptions(script, standin.url, { ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN, SLACK_SIGNING_SECRET }));
    const base = (await mf.ready).href;
    await applyMigrations(mf);
    const client = await bootstrap(base);
    const started = performance.now();

    await oneStepPolled(client, mf, WARMUP, emptyBreakdown());
    const polled = emptyBreakdown();
    const polledIds = await oneStepPolled(client, mf, ONE_STEP_COUNT, polled);
    const unpolled = emptyBreakdown();
    const unpolledIds = await oneStepUnpolled(client, mf, UNPOLLED_COUNT, unpolled);
    const finished = polledIds[0];
    if (finished === undefined) throw new Error("no execution finished");
    const baseline = percentiles(await baselineRoundTrips(client, finished, ONE_STEP_COUNT));

    const dag = await runDag(client);
    const filled = await fill(client, Math.max(0, REPLAY_COUNT - polledIds.length - unpolledIds.length), 8);
    const replayIds = [...polledIds, ...unpolledIds, ...filled].slice(0, REPLAY_COUNT);
    const settledMs = await quiescent(mf);
    const replay = await replayAll(client, replayIds, REPLAY_CONCURRENCY);
    const perSecond = (replayIds.length / replay.ms) * 1000;
    // The same baseline round trip, at the replay's concurrency, for its throughput ratio.
    const baselineThroughput = await throughputOfGets(client, finished, replayIds.length, REPLAY_CONCURRENCY);

    console.log(`\nstand-in received ${standin.requests()} provider calls; run took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    console.log(row("", "p50", "p95", "max", "p50 ratio", "p95 ratio"));
    console.log(row("baseline GET /v1/executions/{id}", ms(baseline.p50), ms(baseline.p95), ms(baseline.max), "1.0×", "1.0×"));
    for (const line of breakdownRows(`one-step, polled (n=${ONE_STEP_COUNT})`, polled, baseline)) console.log(line);
    for (const line of breakdownRows(`one-step, unpolled (n=${UNPOLLED_COUNT})`, unpolled, baseline)) console.log(line);
    console.log(`  statuses: polled ${counts(polled.statuses)}; unpolled ${counts(unpolled.statuses)}`);
    console.log(`\n${DAG_STEPS}-step DAG (binary branches + joins), intent → ${dag.status}: ${ms(dag.ms)} (${(dag.ms / baseline.p50).toFixed(0)}× a baseline round trip); seen by the poller after ${ms(dag.seenMs)}`);
    console.log(
      `replay of ${replayIds.length} completed executions at concurrency ${REPLAY_CONCURRENCY}: ${(replay.ms / 1000).toFixed(2)} s, ` +
        `${perSecond.toFixed(0)} executions/s (${counts(replay.outcomes)}); baseline GETs at the same concurrency: ${baselineThroughput.toFixed(0)}/s ` +
        `(ratio ${(perSecond / baselineThroughput).toFixed(2)}); started ${(settledMs / 1000).toFixed(1)} s after the last fill, once every handoff and mirror had landed`,
    );

    const onePolledP95 = percentiles(polled.completed).p95;
    const oneUnpolledP95 = percentiles(unpolled.completed).p95;
    const misses: string[] = [];
    if (onePolledP95 > TARGET.oneStepP95Ms) misses.push(`one-step p95 (polled) ${ms(onePolledP95)} > ${TARGET.oneStepP95Ms} ms`);
    if (oneUnpolledP95 > TARGET.oneStepP95Ms) misses.push(`one-step p95 (unpolled, handoff alone) ${ms(oneUnpolledP95)} > ${TARGET.oneStepP95Ms} ms`);
    if (dag.status !== "succeeded") misses.push(`the DAG ended ${dag.status}`);
    if (dag.ms > TARGET.dagMs) misses.push(`${DAG_STEPS}-step DAG ${ms(dag.ms)} > ${TARGET.dagMs} ms`);
    if (replay.ms > TARGET.replaySeconds * 1000) misses.push(`replay of ${replayIds.length} took ${(replay.ms / 1000).toFixed(2)} s > ${TARGET.replaySeconds} s`);
    if ((replay.outcomes.get("consistent") ?? 0) !== replayIds.length) misses.push(`replay not consistent for every execution: ${counts(replay.outcomes)}`);
    if ((polled.statuses.get("succeeded") ?? 0) !== ONE_STEP_COUNT) misses.push(`one-step statuses: ${counts(polled.statuses)}`);
    if (misses.length === 0) {
      console.log(`\nPASS: one-step p95 < ${TARGET.oneStepP95Ms} ms, ${DAG_STEPS} steps < ${TARGET.dagMs} ms, replay of ${REPLAY_COUNT} < ${TARGET.replaySeconds} s`);
      return 0;
    }
    console.log("");
    for (const miss of misses) console.log(`MISS: ${miss}`);
    return 1;
  } finally {
    await mf?.dispose();
    await standin.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function throughputOfGets(client: Client, executionId: string, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await statusOf(client, executionId);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (count / (performance.now() - t0)) * 1000;
}

process.exitCode = await main();
