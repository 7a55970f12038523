import type { V4WorkerOptions } from "miniflare";
import type { D1Reader } from "./audit.ts";

const PATH = "/__bench/sql";

/**
 * A second Worker in the benchmark's Miniflare, bound to the same D1 database, that answers read
 * queries over plain HTTP. The audit reads through it rather than through Miniflare's `getD1Database`
 * proxy, whose calls stalled after a heavy load. It exists only in the benchmark process, on loopback.
 */
export function sqlReaderWorker(compatibilityDate: string, databaseId: string): V4WorkerOptions {
  return {
    name: "bench-sql-reader",
    modules: true,
    compatibilityDate,
    routes: [`*${PATH}`],
    d1Databases: { DB: databaseId },
    script: `export default {
      async fetch(request, env) {
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
