/**
 * Runtime tests share one workerd per vitest worker (starting a workerd per file cost most of the suite's time),
 * so each file starts by emptying what the files before it left: every D1 table but the migration log, every R2 and
 * KV key, every Durable Object's storage and alarm (and its in-memory instance), and the provider stand-in's log.
 */
import { listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll } from "vitest";
import { forgetAllBindings } from "../../workers/ingest/channel-sink.ts";
import { forgetBoundChannels } from "../support/api.ts";

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
      // The instance in memory still holds what its constructor read (tables it created, cached state): reset it,
      // so the next file's first request constructs it anew on empty storage.
      await runInDurableObject(namespace.get(id), (_instance, state) => state.abort("reset between test files")).catch(() => undefined);
    }),
  );
}

/**
 * The local queue hands a previous file's intents to the consumer up to a batch timeout (1 s) after they were sent,
 * and a handoff carries its intent, so it still starts an execution here. With a model configured that execution
 * would take this file's scripted answers: let those handoffs land first, then empty what they wrote.
 */
const QUEUE_SETTLE_MS = 1_500;

beforeAll(async () => {
  const bindings = env as unknown as Bindings;
  if ((bindings.MODEL_PROVIDER ?? "") !== "") await new Promise((resolve) => setTimeout(resolve, QUEUE_SETTLE_MS));
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
  forgetBoundChannels();
  await env.STANDIN.fetch("http://standin.control/reset", { method: "POST" });
});
