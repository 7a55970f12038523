/**
 * `npm run bench:mcp`: MCP tools/call latency of a low-risk tool against a baseline tools/list, in the same
 * run, through the official SDK client over Streamable HTTP to the built Worker in Miniflare.
 *
 * Baseline: `tools/list` (key check, the tenant's registry and active policy, no execution). Measured:
 * `tools/call` of `github.issue.comment` under a policy that lets agents comment on their own (an
 * override with its reason), answered by the GitHub stand-in: the intent is recorded, compiled, verified,
 * decided, run by its ExecutionDO and traced before the answer (with the tool's output) comes back.
 * For scale, a plain operator API read (`GET /v1/executions?limit=1`: key check, one D1 read) in the same run.
 * Sequential calls, one session. Exits 1 when a call does not answer the tool's output.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Miniflare } from "miniflare";
import { startStandin } from "./standin-server.ts";
import { ms, percentiles, type Percentiles } from "./lib/stats.ts";
import { applyMigrations, buildWorker, controlPlaneOptions, serve } from "./lib/worker.ts";

const COUNT = Number(process.env.BENCH_MCP_COUNT ?? 100);
const WARMUP = 10;
const BOOTSTRAP_TOKEN = "bench-bootstrap-token";
const TENANT = "bench-mcp";

const policy = {
  schema: "control-plane.policy/1",
  name: "bench-mcp",
  rules: [
    { id: "comments-low", match: { tools: ["github.issue.comment"] }, effect: "allow", tier: "low", override: { reason: "agents may comment on issues on their own" } },
    { id: "the-rest", match: { tools: ["github.issue.close", "github.issue.label", "http.request"] }, effect: "require_approval", approval: { group: "approvers", quorum: 2 } },
  ],
};

async function api<T>(base: string, key: string, method: string, path: string, body: unknown, expected: number): Promise<T> {
  const res = await fetch(new URL(path, base), { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** An admin, the policy above, and an agent key holding only control-plane.core. */
async function agentKey(base: string): Promise<string> {
  const admin = await api<{ key: string }>(base, BOOTSTRAP_TOKEN, "POST", "/v1/bootstrap", { tenantId: TENANT }, 201);
  const published = await api<{ version: string }>(base, admin.key, "POST", "/v1/policies", { document: policy }, 201);
  await api(base, admin.key, "POST", `/v1/policies/${published.version}/activate`, { reason: "bench" }, 200);
  const agent = await api<{ key: string }>(base, admin.key, "POST", "/v1/keys", { name: "bench-agent", capabilities: ["control-plane.core"], principalType: "agent" }, 201);
  return agent.key;
}

async function timed(count: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

const line = (label: string, p: Percentiles) => `${label.padEnd(34)} p50 ${ms(p.p50).padStart(9)}   p95 ${ms(p.p95).padStart(9)}   max ${ms(p.max).padStart(9)}`;

async function main(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), "cp-bench-mcp-"));
  const standin = await startStandin();
  let mf: Miniflare | undefined;
  let client: Client | undefined;
  try {
    const script = buildWorker(outdir);
    mf = serve(controlPlaneOptions(script, standin.url, { ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN, GITHUB_TOKEN: "ghp_bench" }));
    const base = (await mf.ready).toString();
    await applyMigrations(mf);
    const key = await agentKey(base);

    client = new Client({ name: "bench-mcp", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL("/mcp", base), { requestInit: { headers: { authorization: `Bearer ${key}` } } });
    await client.connect(transport);
    const connected = client;
    const session = transport.sessionId ?? "";
    const failures: string[] = [];
    const list = async () => {
      const { tools } = await connected.listTools();
      if (!tools.some((t) => t.name === "github_issue_comment")) failures.push("tools/list lacks github_issue_comment");
    };
    const comment = async (i: number) => {
      const result = await connected.callTool({ name: "github_issue_comment", arguments: { owner: "acme", repo: "bench", number: 1 + (i % 50), body: `bench ${i}` } });
      const output = result.structuredContent as { commentId?: unknown } | undefined;
      if (result.isError === true || typeof output?.commentId !== "number") failures.push(`call ${i}: ${JSON.stringify(result).slice(0, 300)}`);
    };

    const apiRead = async () => {
      const res = await fetch(new URL("/v1/executions?limit=1", base), { headers: { authorization: `Bearer ${key}` } });
      if (res.status !== 200) failures.push(`GET /v1/executions: ${res.status}`);
      await res.arrayBuffer();
    };

    // The same tools/list as plain HTTP: what the server costs without the SDK client's per-tool schema compilation.
    const rawList = async (i: number) => {
      const res = await fetch(new URL("/mcp", base), {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-session-id": session,
          "mcp-protocol-version": "2025-11-25",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: `raw-${i}`, method: "tools/list", params: {} }),
      });
      const text = await res.text();
      if (res.status !== 200 || !text.includes("github_issue_comment")) failures.push(`raw tools/list: ${res.status} ${text.slice(0, 200)}`);
    };

    await timed(WARMUP, apiRead);
    await timed(WARMUP, rawList);
    await timed(WARMUP, list);
    await timed(WARMUP, comment);
    const api = percentiles(await timed(COUNT, apiRead));
    const raw = percentiles(await timed(COUNT, rawList));
    const listed = percentiles(await timed(COUNT, list));
    const called = percentiles(await timed(COUNT, comment));

    console.log(`MCP over Streamable HTTP (official SDK client → built Worker in Miniflare), ${COUNT} sequential requests each, one session`);
    console.log(line("reference GET /v1/executions?limit=1", api));
    console.log(line("tools/list as plain HTTP", raw));
    console.log(line("baseline tools/list", listed));
    console.log(line("tools/call github.issue.comment (low)", called));
    console.log(`tools/call ÷ tools/list (p50): ${(called.p50 / listed.p50).toFixed(1)}×; the call covers intent record, compile, verify, policy, ExecutionDO, the stand-in's answer and the trace`);
    if (failures.length > 0) {
      console.error(`${failures.length} request(s) failed; first: ${failures[0]}`);
      process.exitCode = 1;
    }
  } finally {
    await client?.close();
    await mf?.dispose();
    await standin.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

await main();
