/**
 * The capacity simulation of `bench:capacity`: per-execution costs measured by the bench, scaled to a
 * deployment of many tenants. Cloudflare limits it compares against (cited in docs/capacity.md):
 * one D1 database is single-threaded, about 1,000 queries/s at 1 ms each, 10 GB; one Durable Object is
 * single-threaded with a soft limit of about 1,000 requests/s; R2 and the number of objects scale out.
 */
export interface Measured {
  /** Trace events per execution. */
  events: number;
  d1LiveBytes: number;
  d1LiveRows: number;
  d1ArchivedBytes: number;
  d1ArchivedRows: number;
  objectLiveBytes: number;
  objectLiveRows: number;
  objectArchivedBytes: number;
  r2LiveObjects: number;
  r2LiveBytes: number;
  r2ArchivedBytes: number;
  /** Executions the retention sweep archived per scheduled run, and its wall time per run. */
  sweepPerRun: number;
  sweepMsPerRun: number;
}

export interface Scenario {
  tenants: number;
  webhooksPerSecond: number;
  retentionDays: number;
  /** Zipf exponent of load over tenants: 0 is uniform, 1 a typical skew (the busiest tenant about 10%). */
  skew: number;
  /** Minutes between scheduled runs (wrangler.jsonc: every 5 minutes). */
  cronMinutes: number;
}

export const DEFAULT_SCENARIO: Scenario = { tenants: 10_000, webhooksPerSecond: 10_000, retentionDays: 90, skew: 1, cronMinutes: 5 };

const D1_QUERIES_PER_SECOND = 1_000;
const D1_MAX_BYTES = 10e9;
const OBJECT_REQUESTS_PER_SECOND = 1_000;
const DAY = 86_400;

export interface Simulation {
  scenario: Scenario;
  measured: Measured;
  executionsPerDay: number;
  busiestTenantShare: number;
  busiestTenantPerSecond: number;
  perExecutionObject: { rowsWritten: number; requestsPerSecondOverLife: string };
  deliveryRecorder: { perTenantPerSecond: number; busiestPerSecond: number; shardsForBusiest: number };
  d1: {
    rowsWrittenPerSecond: number;
    queriesPerSecondAtLeast: number;
    databasesForWrites: number;
    bytesPerDayLive: number;
    daysTo10GbLive: number;
    windowBytesLive: number;
    bytesPerDayArchived: number;
    daysTo10GbArchived: number;
  };
  objects: { windowBytes: number; afterArchiveBytes: number };
  r2: { putsPerSecondAtLeast: number; liveWindowBytes: number; archiveBytesPerDay: number };
  sweep: { perDay: number; neededPerDay: number; shortfall: number };
}

function zipfTopShare(n: number, s: number): number {
  if (s === 0) return 1 / n;
  let h = 0;
  for (let k = 1; k <= n; k++) h += 1 / k ** s;
  return 1 / h;
}

export function simulate(measured: Measured, scenario: Scenario = DEFAULT_SCENARIO): Simulation {
  const rate = scenario.webhooksPerSecond;
  const perDay = rate * DAY;
  const share = zipfTopShare(scenario.tenants, scenario.skew);
  const busiest = rate * share;
  const rowsWrittenPerSecond = rate * measured.d1LiveRows;
  const queriesAtLeast = rate; // at the very least one write query per execution, however batched
  const bytesPerDayLive = perDay * measured.d1LiveBytes;
  const bytesPerDayArchived = perDay * measured.d1ArchivedBytes;
  const sweepPerDay = measured.sweepPerRun * ((24 * 60) / scenario.cronMinutes);
  return {
    scenario,
    measured,
    executionsPerDay: perDay,
    busiestTenantShare: share,
    busiestTenantPerSecond: busiest,
    perExecutionObject: { rowsWritten: measured.objectLiveRows, requestsPerSecondOverLife: "one execution per object: a few requests in its life" },
    deliveryRecorder: { perTenantPerSecond: rate / scenario.tenants, busiestPerSecond: busiest, shardsForBusiest: Math.ceil(busiest / (OBJECT_REQUESTS_PER_SECOND / 2)) },
    d1: {
      rowsWrittenPerSecond,
      queriesPerSecondAtLeast: queriesAtLeast,
      databasesForWrites: Math.ceil(queriesAtLeast / D1_QUERIES_PER_SECOND),
      bytesPerDayLive,
      daysTo10GbLive: D1_MAX_BYTES / bytesPerDayLive,
      windowBytesLive: bytesPerDayLive * scenario.retentionDays,
      bytesPerDayArchived,
      daysTo10GbArchived: D1_MAX_BYTES / bytesPerDayArchived,
    },
    objects: { windowBytes: perDay * scenario.retentionDays * measured.objectLiveBytes, afterArchiveBytes: measured.objectArchivedBytes },
    r2: { putsPerSecondAtLeast: rate * (measured.r2LiveObjects + 1), liveWindowBytes: perDay * scenario.retentionDays * measured.r2LiveBytes, archiveBytesPerDay: perDay * measured.r2ArchivedBytes },
    sweep: { perDay: sweepPerDay, neededPerDay: perDay, shortfall: perDay / sweepPerDay },
  };
}

function days(d: number): string {
  if (d >= 1) return `${n(d)} days`;
  if (d * 24 >= 1) return `${(d * 24).toFixed(1)} hours`;
  return `${(d * 24 * 60).toFixed(1)} minutes`;
}

const n = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(v >= 10 ? 1 : 2));
function bytes(v: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function printSimulation(sim: Simulation): void {
  const { scenario: sc, measured: m } = sim;
  console.log(`\nSimulation: ${n(sc.tenants)} tenants, ${n(sc.webhooksPerSecond)} webhooks/s in total (one execution each), retention ${sc.retentionDays} days, Zipf skew ${sc.skew}`);
  console.log(`  executions/day                                 ${n(sim.executionsPerDay)}`);
  console.log(`  busiest tenant                                 ${(sim.busiestTenantShare * 100).toFixed(1)}% = ${n(sim.busiestTenantPerSecond)} webhooks/s`);
  console.log("  Per object (shards by itself)");
  console.log(`    ExecutionDO: one per execution, ${n(m.objectLiveRows)} SQLite rows, ${bytes(m.objectLiveBytes)} while live; ${bytes(m.objectArchivedBytes)} after archiving`);
  console.log(`    DeliveryRecorderDO, one per tenant: ${n(sim.deliveryRecorder.perTenantPerSecond)} req/s average, ${n(sim.deliveryRecorder.busiestPerSecond)} req/s for the busiest tenant`);
  console.log(`      → the busiest tenant needs ≥ ${sim.deliveryRecorder.shardsForBusiest} recorder shards to stay under half of ~${n(OBJECT_REQUESTS_PER_SECOND)} req/s per object`);
  console.log("  Per database (D1 stays single unless sharded)");
  console.log(`    rows written/s (measured rows per execution × rate)  ${n(sim.d1.rowsWrittenPerSecond)}  (${n(m.d1LiveRows)} rows per execution)`);
  console.log(`    write queries/s, at least one per execution   ${n(sim.d1.queriesPerSecondAtLeast)} against ~${n(D1_QUERIES_PER_SECOND)}/s for one database → ≥ ${sim.d1.databasesForWrites} databases`);
  console.log(`    bytes/day with trace rows in D1 (live)        ${bytes(sim.d1.bytesPerDayLive)} → 10 GB in ${days(sim.d1.daysTo10GbLive)}; over the window ${bytes(sim.d1.windowBytesLive)}`);
  console.log(`    bytes/day after archiving (index row only)    ${bytes(sim.d1.bytesPerDayArchived)} → 10 GB in ${days(sim.d1.daysTo10GbArchived)}`);
  console.log("  Durable Object storage (bounded by the window once archiving keeps up)");
  console.log(`    live window                                   ${bytes(sim.objects.windowBytes)} across ${n(sim.executionsPerDay * sc.retentionDays)} objects`);
  console.log("  R2 (scales out)");
  console.log(`    object writes/s, at least                     ${n(sim.r2.putsPerSecondAtLeast)}`);
  console.log(`    payload segments over the window              ${bytes(sim.r2.liveWindowBytes)}`);
  console.log(`    archives per day                              ${bytes(sim.r2.archiveBytesPerDay)} (grows until an R2 lifecycle rule expires archives)`);
  console.log("  Archiving");
  console.log(`    each ExecutionDO archives itself from its alarm: ${n(sc.webhooksPerSecond)} objects/s, one alarm each, spread over all objects`);
  console.log(`    the scheduled sweep (safety net), ${n(m.sweepPerRun)} per run every ${sc.cronMinutes} min: ${n(sim.sweep.perDay)}/day, ${n(sim.sweep.shortfall)}× short of the rate alone`);
  console.log(`    D1 statements for archiving: 2 batches per execution → ${n(2 * sc.webhooksPerSecond)} more write batches/s on the one database`);
  console.log(`  Next ceilings, in order: D1 writes (≥ ${sim.d1.databasesForWrites} databases, archiving included), D1 size (the index row, intent and delivery that stay), the busiest tenant's recorder (${sim.deliveryRecorder.shardsForBusiest} shards)`);
}
