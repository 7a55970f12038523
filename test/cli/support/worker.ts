import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy, unstable_splitSqlQuery, unstable_startWorker } from "wrangler";

const ROOT = join(import.meta.dirname, "../../..");
const MIGRATIONS = join(ROOT, "schema/migrations");

/** Applies schema/migrations to the local D1 under `persistDir`, where `startWorker` will find it (wrangler keeps state in `<dir>/v3`). */
export async function migrate(persistDir: string): Promise<void> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, "wrangler.jsonc"), persist: { path: join(persistDir, "v3") } });
  try {
    for (const file of readdirSync(MIGRATIONS).filter((name) => name.endsWith(".sql")).sort()) {
      const statements = unstable_splitSqlQuery(readFileSync(join(MIGRATIONS, file), "utf8"));
      await proxy.env.DB.batch(statements.map((sql) => proxy.env.DB.prepare(sql)));
    }
  } finally {
    await proxy.dispose();
  }
}

export interface LocalWorker {
  url: string;
  dispose: () => Promise<void>;
}

/** The Worker of wrangler.jsonc on a free loopback port, with `vars` overriding configuration and secrets. */
export async function startLocalWorker(persistDir: string, vars: Record<string, string>): Promise<LocalWorker> {
  const bindings = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: "plain_text" as const, value }]));
  const worker = await unstable_startWorker({
    config: join(ROOT, "wrangler.jsonc"),
    bindings,
    dev: { persist: persistDir, server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, logLevel: "error" },
  });
  await worker.ready;
  const url = (await worker.url).href.replace(/\/$/, "");
  return { url, dispose: () => worker.dispose() };
}
