import type { V4WorkerOptions } from "miniflare";
import type { D1Reader } from "./audit.ts";

const PATH = "/__bench/sql";
const CHAINS = "/__bench/chains";
const USAGE = "/__bench/d1-usage";

/**
 * A second Worker in the benchmark's Miniflare, bound to the same D1 database and to the control plane's
 * ExecutionDO namespace, that answers over plain HTTP: read queries, each execution's own trace chain
 * (its `traceJson`, the record of truth), and what D1 holds (rows per table, bytes per table and index
 * from `dbstat`). The audit reads through it rather than through Miniflare's `getD1Database` proxy, whose
 * calls stalled after a heavy load. It exists only in the benchmark process, on loopback.
 */
export function sqlReaderWorker(compatibilityDate: string, databaseId: string): V4WorkerOptions {
  return {
    name: "bench-sql-reader",
    modules: true,
    compatibilityDate,
    routes: [`*/__bench/*`],
    d1Databases: { DB: databaseId },
    durableObjects: { EXECUTIONS: { className: "ExecutionDO", scriptName: "control-plane", useSQLite: true } },
    script: `export default {
      async fetch(request, env) {
        const path = new URL(request.url).pathname;
        if (path === "${CHAINS}") {
          const { executionIds } = await request.json();
          const out = {};
          for (let i = 0; i < executionIds.length; i += 32) {
            await Promise.all(executionIds.slice(i, i + 32).map(async (id) => {
              try {
                const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
                out[id] = JSON.parse(await stub.traceJson()).map((e) => (e.event.type.endsWith(".retry_scheduled") || e.event.type.endsWith(".failed") ? { ...e.event, payload: e.payload } : e.event));
              } catch (error) {
                out[id] = { error: String(error) };
              }
            }));
          }
          return Response.json(out);
        }
        if (path === "${USAGE}") {
          const tables = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all()).results;
          const rows = {};
          for (const { name } of tables) rows[name] = (await env.DB.prepare('SELECT count(*) AS n FROM "' + name + '"').all()).results[0].n;
          let bytes = null;
          try {
            bytes = Object.fromEntries((await env.DB.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all()).results.map((r) => [r.name, r.bytes]));
          } catch (error) {
            bytes = { error: String(error) };
          }
          const pages = (await env.DB.prepare("SELECT 1").run()).meta.size_after ?? null;
          return Response.json({ rows, bytes, pages });
        }
        const { sql } = await request.json();
        if (!/^\\s*select\\b/i.test(sql)) return new Response("read-only", { status: 400 });
        const { results } = await env.DB.prepare(sql).all();
        return Response.json(results);
      },
    };`,
  };
}

export function sqlReader(base: string): D1Reader {
  return {
    prepare(sql: string) {
      return {
        async all<T>() {
          const res = await fetch(new URL(PATH, base), { method: "POST", body: JSON.stringify({ sql }), signal: AbortSignal.timeout(60_000) });
          if (!res.ok) throw new Error(`audit query failed: ${res.status} ${await res.text()}`);
          return { results: (await res.json()) as T[] };
        },
      };
    },
  };
}

/** Each execution's chain of trace events as its ExecutionDO holds it, or the error reading it. */
export async function readChains(base: string, executionIds: readonly string[]): Promise<Map<string, unknown[] | { error: string }>> {
  const out = new Map<string, unknown[] | { error: string }>();
  for (let i = 0; i < executionIds.length; i += 500) {
    const res = await fetch(new URL(CHAINS, base), { method: "POST", body: JSON.stringify({ executionIds: executionIds.slice(i, i + 500) }), signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`chain read failed: ${res.status} ${await res.text()}`);
    for (const [id, chain] of Object.entries((await res.json()) as Record<string, unknown[] | { error: string }>)) out.set(id, chain);
  }
  return out;
}

export interface D1Usage {
  rows: Record<string, number>;
  /** Bytes per table and index (dbstat), or why dbstat could not answer. */
  bytes: Record<string, number> | { error: string };
  /** The whole database file, as D1 reports it (`meta.size_after`). */
  pages: number | null;
}

export async function readD1Usage(base: string): Promise<D1Usage> {
  const res = await fetch(new URL(USAGE, base), { method: "POST", signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`D1 usage read failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as D1Usage;
}
