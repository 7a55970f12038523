/**
 * Serving the built Worker for a benchmark: `wrangler deploy --dry-run --outdir` bundle, Miniflare's own
 * HTTP server (options converted from the v4 shape with `convertV4MiniflareOptions`), local D1 with the
 * migrations applied, every provider API pointed at a local stand-in.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { convertV4MiniflareOptions, Miniflare, type V4WorkerOptions } from "miniflare";
import { unstable_readConfig } from "wrangler";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The date wrangler.jsonc pins; Miniflare's workerd accepts nothing later than 2026-08-06. */
export const COMPATIBILITY_DATE = "2026-08-01";

/** Builds the Worker of the tree at `root` as a deployment would; returns the bundle's path. */
export function buildWorker(outdir: string, root: string = ROOT): string {
  const bin = join(ROOT, "node_modules", ".bin");
  execFileSync(join(bin, "wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, WRANGLER_SEND_METRICS: "false" },
  });
  return join(outdir, "index.js");
}

/** Miniflare's own server on a free port; the Worker's log lines are dropped, as a deployment ships them elsewhere. */
export function serve(...workers: V4WorkerOptions[]): Miniflare {
  return serveInspected(undefined, ...workers);
}

/** As `serve`, with workerd's inspector on `inspectorPort` when given (bench/lib/profile.ts). */
export function serveInspected(inspectorPort: number | undefined, ...workers: V4WorkerOptions[]): Miniflare {
  return new Miniflare(convertV4MiniflareOptions({ host: "127.0.0.1", port: 0, handleStructuredLogs: () => {}, ...(inspectorPort === undefined ? {} : { inspectorPort }), workers }));
}

type QueueConsumers = NonNullable<V4WorkerOptions["queueConsumers"]>;

/** The queue consumers as the tree's own wrangler.jsonc configures them (top level: the local setup). */
export function consumersOf(root: string): QueueConsumers {
  const config = unstable_readConfig({ config: join(root, "wrangler.jsonc") });
  const consumers: QueueConsumers = {};
  for (const c of config.queues.consumers ?? []) {
    consumers[c.queue] = {
      ...(c.max_batch_size === undefined ? {} : { maxBatchSize: c.max_batch_size }),
      ...(c.max_batch_timeout === undefined ? {} : { maxBatchTimeout: c.max_batch_timeout }),
      ...(c.max_retries === undefined ? {} : { maxRetries: c.max_retries }),
      ...(c.dead_letter_queue === undefined ? {} : { deadLetterQueue: c.dead_letter_queue }),
    };
  }
  return consumers;
}

/** The plain `vars` of the tree's wrangler.jsonc (top level), as string bindings. */
export function varsOf(root: string): Record<string, string> {
  const config = unstable_readConfig({ config: join(root, "wrangler.jsonc") });
  return Object.fromEntries(Object.entries(config.vars ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

/**
 * The control-plane Worker with the bindings of wrangler.jsonc (queue consumers and vars read from the
 * tree at `root`); `vars` adds or overrides plain bindings.
 */
export function controlPlaneOptions(scriptPath: string, standinUrl: string, vars: Record<string, string> = {}, root: string = ROOT): V4WorkerOptions {
  return {
    name: "control-plane",
    modules: true,
    scriptPath,
    // The bundle lives outside the working directory, which workerd will not climb out of.
    modulesRoot: dirname(scriptPath),
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ["nodejs_compat"],
    bindings: {
      ...varsOf(root),
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_API_URL: `${standinUrl}/api`,
      GITHUB_API_URL: standinUrl,
      META_GRAPH_URL: standinUrl,
      TWILIO_API_URL: standinUrl,
      PUBLIC_BASE_URL: "http://127.0.0.1:8787",
      APPROVAL_SIGNING_KEY: "bench-approval-signing-key",
      TRACE_RETENTION_DAYS: "90",
      ...vars,
    },
    d1Databases: { DB: "control-plane" },
    r2Buckets: { TRACES: "control-plane-traces", SKILLS: "control-plane-skills" },
    durableObjects: { EXECUTIONS: { className: "ExecutionDO", useSQLite: true }, DELIVERIES: { className: "DeliveryRecorderDO", useSQLite: true }, REGISTRY_TRACES: { className: "RegistryTraceDO", useSQLite: true } },
    queueProducers: { INGEST: { queueName: "control-plane-ingest" } },
    queueConsumers: consumersOf(root),
    workerLoaders: { LOADER: {} },
    // No [[ratelimits]] bindings (the Worker then applies no rate limit): Miniflare's local limiter is one SQLite
    // Durable Object that every limit() call queues on, which halved ingest throughput at concurrency 64
    // (45/s against 103/s, same machine and load); it would measure the simulator, not the Worker.
  };
}

export async function applyMigrations(mf: Miniflare, root: string = ROOT): Promise<void> {
  const db = await mf.getD1Database("DB");
  const dir = join(root, "schema", "migrations");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    const statements = readFileSync(join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}
