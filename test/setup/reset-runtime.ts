/**
 * Runtime tests share one workerd per vitest worker (starting a workerd per file cost most of the suite's time),
 * so each file starts by emptying what the files before it left (test/setup/fresh-runtime.ts): every D1 table but
 * the migration log, every R2 and KV key, every Durable Object's storage and alarm (and its in-memory instance), and
 * the provider stand-in's log. The delivery recorders' outboxes are flushed first, so nothing of the previous file
 * reaches D1 afterwards.
 */
import { listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { forgetAllBindings } from "../../workers/ingest/channel-sink.ts";
import { forgetProviderPresence } from "../../runtime/connections/provider-presence.ts";
import { forgetBoundChannels } from "../support/api.ts";
import { settleDeliveries } from "../support/deliveries.ts";

type Bindings = Record<string, unknown>;

/** Service bindings answer any property name, so bindings are told apart by their class, not their methods. */
function kindOf(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? value.constructor.name : undefined;
}

async function emptyD1(db: D1Database): Promise<void> {
  const tables = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'")
    .all<{ name: string }>();
  if (tables.results.length === 0) return;
  await db.batch([db.prepare("PRAGMA defer_foreign_keys = on"), ...tables.results.map((t) => db.prepare(`DELETE FROM "${t.name}"`))]);
}

async function emptyBucket(bucket: R2Bucket): Promise<void> {
  for (;;) {
    const page = await bucket.list({ limit: 1000 });
    if (page.objects.length === 0) return;
    await bucket.delete(page.objects.map((o) => o.key));
  }
}

async function emptyKv(kv: KVNamespace): Promise<void> {
  for (;;) {
    const page = await kv.list({ limit: 1000 });
    if (page.keys.length === 0) return;
    await Promise.all(page.keys.map((k) => kv.delete(k.name)));
  }
}

async function emptyObjects(namespace: DurableObjectNamespace): Promise<void> {
  const ids = await listDurableObjectIds(namespace);
  await Promise.all(
    ids.map(async (id) => {
      await runInDurableObject(namespace.get(id), async (_instance, state) => {
        await state.storage.deleteAlarm();
        await state.storage.deleteAll();
      });
      // The instance in memory still holds what its constructor read (tables it created, cached state): reset, so
      // the next file's first request constructs it anew on empty storage. `abort` and not `evictAllDurableObjects`:
      // graceful eviction waited about 10 s per file for the previous file's objects (the suite's time doubled);
      // workerd reports each abort as an uncaught exception line, the price of that.
      await runInDurableObject(namespace.get(id), (_instance, state) => state.abort("reset between test files")).catch(() => undefined);
    }),
  );
}

/**
 * The local queue hands the intents a previous file recorded to the consumer up to a batch timeout (1 s) after they
 * were sent, and a handoff carries its intent, so it would still start an execution here, replying at the stand-in
 * or taking this file's scripted model answers. When the previous file recorded an intent that recently, its
 * handoffs land first; then everything they wrote is emptied.
 */
const QUEUE_SETTLE_MS = 1_500;

async function settleQueuedHandoffs(db: D1Database): Promise<void> {
  const last = await db.prepare("SELECT max(received_at) AS at FROM intents").first<{ at: string | null }>();
  const at = last?.at == null ? Number.NaN : Date.parse(last.at);
  if (Number.isNaN(at)) return;
  const wait = Math.min(QUEUE_SETTLE_MS, at + QUEUE_SETTLE_MS - Date.now());
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export async function resetRuntime(): Promise<void> {
  const bindings = env as unknown as Bindings;
  // A recorder still flushing the previous file's deliveries would write them into the emptied D1 and hand them on.
  await settleDeliveries().catch(() => undefined);
  await settleQueuedHandoffs(env.DB);
  await Promise.all(
    Object.values(bindings).map(async (value) => {
      const kind = kindOf(value);
      if (kind === "DurableObjectNamespace") await emptyObjects(value as DurableObjectNamespace);
      else if (kind === "R2Bucket") await emptyBucket(value as R2Bucket);
      else if (kind === "KvNamespace") await emptyKv(value as KVNamespace);
    }),
  );
  await emptyD1(env.DB);
  forgetAllBindings();
  forgetProviderPresence();
  forgetBoundChannels();
  await env.STANDIN.fetch("http://standin.control/reset", { method: "POST" });
}
