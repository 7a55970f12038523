/**
 * `npm run bench:ingest`: the Slack ingest of two trees, the current checkout and a baseline ref
 * (BENCH_BASELINE_REF, default 0e97139, before issue 18), each built as a deployment would and served by
 * Miniflare under the same load, beside a Worker that only verifies the signature. For each tree: intake
 * and ack latency, the drain rate (executions finished per second once their handoffs are visible, timed
 * by their replies at the provider stand-in), D1 bytes and rows per execution (measured on the local
 * database), and an audit: every accepted delivery made exactly one execution, one verified trace chain
 * (read from the execution's own object) and one reply. Exits 1 on a missed target.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V4WorkerOptions } from "miniflare";
import { type AuditReport, audit, executionIds, unfinished } from "./lib/audit.ts";
import { type D1Usage, readChains, readD1Usage, sqlReader, sqlReaderWorker } from "./lib/sql-reader.ts";
import { type LoadResult, runLoad, type Summary, summarize } from "./lib/load.ts";
import { startStandin, type Standin } from "./lib/provider-standin.ts";
import { type SignedDelivery, slackMentions } from "./lib/slack-deliveries.ts";
import { currentTree, type Tree, treeAt } from "./lib/tree.ts";
import { applyMigrations, buildWorker, COMPATIBILITY_DATE, controlPlaneOptions, ROOT, serve, serveInspected } from "./lib/worker.ts";
import { type Profiling, startProfiling } from "./lib/profile.ts";

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? "0e97139";
const WARMUP = 200;
const DRAIN_DEADLINE_MS = Number(process.env.BENCH_DRAIN_DEADLINE_S ?? 300) * 1000;
const HANDOFF_DELAY_S = Number(process.env.BENCH_HANDOFF_DELAY_S ?? 30);
const SIGNING_SECRET = "bench-slack-signing-secret";
/** BENCH_PROFILE=<dir>: only this checkout, its drain CPU-profiled (every isolate), profiles and a summary in <dir>. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
const INSPECTOR_PORT = 9239;
const TARGET = { p95Ratio: 2, throughputRatio: 0.5, drainRatio: 5 };

function verifyOnlyOptions(): V4WorkerOptions {
  return {
    name: "baseline",
    modules: true,
    scriptPath: join(ROOT, "bench", "baseline-worker.js"),
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
  };
}

function ingestOptions(scriptPath: string, standin: Standin, root: string): V4WorkerOptions {
  const options = controlPlaneOptions(scriptPath, standin.url, { SLACK_SIGNING_SECRET: SIGNING_SECRET, DEFAULT_TENANT: "bench" }, root);
  return {
    ...options,
    // Handoffs become visible to the consumer after the load: the ack still waits for the real queue send,
    // but the executions (Durable Objects, which production runs elsewhere) do not share the two cores of
    // this machine with the ingest being measured. The drain below then runs them all.
    queueProducers: { INGEST: { queueName: "control-plane-ingest", deliveryDelay: HANDOFF_DELAY_S } },
  };
}

interface Drain {
  finished: number;
  /** Executions finished per second, first reply to last. */
  rate: number;
  /** From the end of the load to the last reply. */
  afterLoadMs: number;
}

interface TargetResult {
  label: string;
  intake: Summary;
  statuses: string;
  drain: Drain;
  usage: { before: D1Usage; after: D1Usage };
  report: AuditReport;
  executions: number;
  sent: number;
}

function statusesOf(result: LoadResult): string {
  return [...result.statuses].map(([s, n]) => `${s}×${n}`).join(" ");
}

/** Waits for a reply per accepted delivery at the stand-in, then for D1's index to show every execution finished. */
async function drain(standin: Standin, expected: number, loadEnd: number, reader: ReturnType<typeof sqlReader>): Promise<Drain> {
  const deadline = Date.now() + DRAIN_DEADLINE_MS;
  while (standin.slackPosts.length < expected && Date.now() < deadline) {
    if (process.stdout.isTTY) process.stdout.write(`\r  draining: ${standin.slackPosts.length}/${expected} replies`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (process.stdout.isTTY) process.stdout.write("\r");
  for (;;) {
    const { open } = await unfinished(reader);
    if (open === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const times = standin.slackPostTimes;
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  // BENCH_TIMELINE=1: replies per 5 s, to see whether the rate changes during the drain.
  if (process.env.BENCH_TIMELINE) {
    const buckets: number[] = [];
    for (const t of times) buckets[Math.floor((t - first) / 5000)] = (buckets[Math.floor((t - first) / 5000)] ?? 0) + 1;
    console.log(`  replies per 5 s from the first: ${Array.from(buckets, (n) => n ?? 0).join(" ")} (first ${((first - loadEnd) / 1000).toFixed(1)} s after the load)`);
  }
  return { finished: times.length, rate: times.length > 1 ? ((times.length - 1) / (last - first)) * 1000 : 0, afterLoadMs: last - loadEnd };
}

async function runTarget(tree: Tree, outdir: string): Promise<TargetResult> {
  console.log(`\n[${tree.label}] building ${tree.root === ROOT ? "this checkout" : tree.root} …`);
  const script = buildWorker(join(outdir, tree.label), tree.root);
  const standin = await startStandin();
  const profiled = PROFILE_DIR !== undefined ? INSPECTOR_PORT : undefined;
  const mf = serveInspected(profiled, ingestOptions(script, standin, tree.root), sqlReaderWorker(COMPATIBILITY_DATE, "control-plane"));
  try {
    const base = (await mf.ready).href;
    await applyMigrations(mf, tree.root);
    const reader = sqlReader(base);
    const before = await readD1Usage(base);
    const deliveries = slackMentions(SIGNING_SECRET, tree.label === "current" ? "C" : "B", COUNT + WARMUP);
    const url = new URL("/webhooks/slack", base).href;
    const warmup = await runLoad(url, deliveries.slice(0, WARMUP), CONCURRENCY);
    const run = await runLoad(url, deliveries.slice(WARMUP), CONCURRENCY);
    const loadEnd = performance.now();
    console.log(`[${tree.label}] intake: ${run.latencies.length} requests in ${(run.elapsedMs / 1000).toFixed(1)} s (${statusesOf(run)})`);
    const accepted = new Set([...warmup.accepted, ...run.accepted]);
    const profiling: Profiling | null = PROFILE_DIR === undefined ? null : await startProfiling(INSPECTOR_PORT, PROFILE_DIR, script);
    const drained = await drain(standin, accepted.size, loadEnd, reader);
    if (profiling !== null) console.log(`[${tree.label}] CPU profile of the drain (${PROFILE_DIR}):\n${await profiling.stop()}`);
    console.log(`[${tree.label}] drain: ${drained.finished} replies, ${drained.rate.toFixed(1)} executions/s, last ${(drained.afterLoadMs / 1000).toFixed(1)} s after the load`);
    const after = await readD1Usage(base);
    const ids = await executionIds(reader);
    const chains = await readChains(base, ids);
    const report = await audit(reader, chains, deliveries, accepted, standin.slackPosts);
    console.log(
      `[${tree.label}] audit: ${report.accepted} accepted, ${report.deliveries} delivery rows, ${report.intents} intents, ${report.executions} executions ` +
        `(${report.succeeded} succeeded), ${report.traces} verified trace chains, ${report.replies} replies at the stand-in`,
    );
    for (const problem of report.problems) console.log(`  ✗ ${problem}`);
    if (standin.other.length > 0) console.log(`  unexpected provider calls: ${standin.other.slice(0, 5).join(", ")}`);
    return { label: tree.label, intake: summarize(run), statuses: statusesOf(run), drain: drained, usage: { before, after }, report, executions: ids.length, sent: deliveries.length };
  } finally {
    await mf.dispose();
    await standin.close();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

function bytesOf(usage: D1Usage): number {
  return "error" in usage.bytes ? (usage.pages ?? 0) : sum(usage.bytes as Record<string, number>);
}

function perExecution(r: TargetResult): { bytes: number; rows: number; byTable: [string, number][] } {
  const n = Math.max(1, r.executions);
  const rowsBefore = r.usage.before.rows;
  const byTable = Object.entries(r.usage.after.rows)
    .map(([t, rows]): [string, number] => [t, (rows - (rowsBefore[t] ?? 0)) / n])
    .filter(([, rows]) => rows > 0);
  return { bytes: (bytesOf(r.usage.after) - bytesOf(r.usage.before)) / n, rows: (sum(r.usage.after.rows) - sum(rowsBefore)) / n, byTable };
}

function table(verifyOnly: Summary, baseline: TargetResult, current: TargetResult): string {
  const row = (label: string, v: string, b: string, c: string, ratio: string) =>
    `${label.padEnd(22)}${v.padStart(14)}${b.padStart(14)}${c.padStart(14)}${ratio.padStart(10)}`;
  const pb = perExecution(baseline);
  const pc = perExecution(current);
  const ratio = (c: number, b: number) => (b === 0 ? "–" : `${(c / b).toFixed(2)}×`);
  return [
    row("", "verify-only", baseline.label, current.label, "cur/base"),
    row("intake", `${verifyOnly.throughput.toFixed(0)}/s`, `${baseline.intake.throughput.toFixed(0)}/s`, `${current.intake.throughput.toFixed(0)}/s`, ratio(current.intake.throughput, baseline.intake.throughput)),
    row("ack p50", ms(verifyOnly.p50), ms(baseline.intake.p50), ms(current.intake.p50), ratio(current.intake.p50, baseline.intake.p50)),
    row("ack p95", ms(verifyOnly.p95), ms(baseline.intake.p95), ms(current.intake.p95), ratio(current.intake.p95, baseline.intake.p95)),
    row("ack p99", ms(verifyOnly.p99), ms(baseline.intake.p99), ms(current.intake.p99), ratio(current.intake.p99, baseline.intake.p99)),
    row("drain (executions/s)", "", baseline.drain.rate.toFixed(1), current.drain.rate.toFixed(1), ratio(current.drain.rate, baseline.drain.rate)),
    row("drained after load", "", `${(baseline.drain.afterLoadMs / 1000).toFixed(1)} s`, `${(current.drain.afterLoadMs / 1000).toFixed(1)} s`, ""),
    row(`D1 bytes / execution${"error" in current.usage.after.bytes ? " (file)" : " (dbstat)"}`, "", pb.bytes.toFixed(0), pc.bytes.toFixed(0), ratio(pc.bytes, pb.bytes)),
    row("D1 rows / execution", "", pb.rows.toFixed(2), pc.rows.toFixed(2), ratio(pc.rows, pb.rows)),
    "",
    `D1 rows per execution by table: ${baseline.label}: ${pb.byTable.map(([t, n]) => `${t} ${n.toFixed(2)}`).join(", ")}`,
    `                                ${current.label}: ${pc.byTable.map(([t, n]) => `${t} ${n.toFixed(2)}`).join(", ")}`,
  ].join("\n");
}

function verdicts(verifyOnly: Summary, baseline: TargetResult, current: TargetResult): string[] {
  const misses: string[] = [];
  const p95 = current.intake.p95 / verifyOnly.p95;
  const throughput = current.intake.throughput / verifyOnly.throughput;
  const drainRatio = current.drain.rate / baseline.drain.rate;
  if (p95 > TARGET.p95Ratio) misses.push(`ingest p95 is ${p95.toFixed(2)}× the verify-only Worker's (target ≤ ${TARGET.p95Ratio}×)`);
  if (throughput < TARGET.throughputRatio) misses.push(`ingest throughput is ${throughput.toFixed(2)}× the verify-only Worker's (target ≥ ${TARGET.throughputRatio}×)`);
  if (drainRatio < TARGET.drainRatio) misses.push(`drain rate is ${drainRatio.toFixed(2)}× ${baseline.label}'s (target ≥ ${TARGET.drainRatio}×)`);
  for (const r of [baseline, current]) {
    if (r.report.accepted !== r.sent) misses.push(`${r.label}: ${r.sent - r.report.accepted} of ${r.sent} deliveries were not accepted`);
    if (r.report.problems.length > 0) misses.push(`${r.label}: audit: ${r.report.problems.length} problem(s)`);
  }
  return misses;
}

async function main(): Promise<number> {
  const outdir = mkdtempSync(join(tmpdir(), "cp-bench-"));
  const baselineTree = treeAt(BASELINE_REF);
  try {
    if (PROFILE_DIR !== undefined) {
      await runTarget(currentTree(), outdir);
      return 0;
    }
    console.log(`${COUNT} signed Slack app_mention deliveries per target at concurrency ${CONCURRENCY} (+${WARMUP} warm-up); baseline ${BASELINE_REF} (${baselineTree.label})`);
    const verifyMf = serve(verifyOnlyOptions());
    const verifyUrl = new URL("/webhooks/slack", await verifyMf.ready).href;
    const verifyDeliveries = slackMentions(SIGNING_SECRET, "V", COUNT + WARMUP);
    await runLoad(verifyUrl, verifyDeliveries.slice(0, WARMUP), CONCURRENCY);
    const verifyOnly = summarize(await runLoad(verifyUrl, verifyDeliveries.slice(WARMUP), CONCURRENCY));
    await verifyMf.dispose();

    const baseline = await runTarget(baselineTree, outdir);
    const current = await runTarget(currentTree(), outdir);
    console.log(`\n${table(verifyOnly, baseline, current)}\n`);

    const misses = verdicts(verifyOnly, baseline, current);
    if (misses.length === 0) {
      console.log(`PASS: p95 ≤ ${TARGET.p95Ratio}× verify-only, throughput ≥ ${TARGET.throughputRatio}× verify-only, drain ≥ ${TARGET.drainRatio}× baseline, no delivery lost or doubled`);
      return 0;
    }
    for (const miss of misses) console.log(`MISS: ${miss}`);
    return 1;
  } finally {
    baselineTree.dispose();
    rmSync(outdir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
