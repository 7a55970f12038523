/**
 * A CPU profile of replay requests: builds the Worker, completes N one-step executions, then records a CDP
 * profile of the control-plane Worker's isolate while it answers N replays; prints self time by function.
 * Also prints the CPU seconds workerd spent on them, which other load on the machine disturbs less than wall time.
 * Not a benchmark (no target, no baseline): it says where a replay's time goes.
 *   node bench/profile-replay.ts [count] [out.cpuprofile]     (PROFILE=0: CPU seconds only, no profiler attached)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { startStandin } from "./standin-server.ts";
import { applyMigrations, buildWorker, controlPlaneOptions } from "./lib/worker.ts";
import { bootstrapTenant, expectJson } from "./lib/tenant.ts";

const COUNT = Number(process.argv[2] ?? 200);
const OUT = process.argv[3];
const INSPECTOR_PORT = 9329;
const PROFILE = process.env.PROFILE !== "0";
const SAMPLE_US = 200;
const SLACK_THREAD = { kind: "slack", teamId: "T0BENCH", channelId: "C0BENCH", threadTs: "1700000000.000001" };

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

async function cdp(url: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.addEventListener("message", (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  return {
    send: (method: string, params: unknown = {}) => new Promise<unknown>((resolve) => { const n = ++id; waiting.set(n, resolve); ws.send(JSON.stringify({ id: n, method, params })); }),
    close: () => ws.close(),
  };
}

/** CPU seconds (user + system) of this process's child processes (workerd), from /proc. */
function childCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

const outdir = mkdtempSync(join(tmpdir(), "cp-profile-replay-"));
const standin = await startStandin();
const script = buildWorker(outdir);
const options = controlPlaneOptions(script, standin.url, { ADMIN_BOOTSTRAP_TOKEN: "t", SLACK_SIGNING_SECRET: "s" });
const mf = new Miniflare(convertV4MiniflareOptions({ host: "127.0.0.1", port: 0, inspectorPort: INSPECTOR_PORT, handleStructuredLogs: () => {}, workers: [options] }));
try {
  const base = (await mf.ready).href;
  await applyMigrations(mf);
  const key = await bootstrapTenant(base, "bench", { bootstrapToken: "t", slackSigningSecret: "s" }, SLACK_THREAD.teamId);
  const call = (method: string, path: string, body?: unknown) =>
    fetch(new URL(path, base), { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const { executionId } = await expectJson<{ executionId: string }>(await call("POST", "/v1/intents", { channel: "slack", replyTo: SLACK_THREAD, text: "reply hi" }), 202, "submit");
    for (;;) {
      const seen = await expectJson<{ status: string }>(await call("GET", `/v1/executions/${executionId}`), 200, "get");
      if (seen.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    ids.push(executionId);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const session = PROFILE ? await profilerOf() : undefined;
  await session?.send("Profiler.start");
  const t0 = performance.now();
  const cpu0 = { workerd: childCpuSeconds(), bench: process.cpuUsage() };
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const res = await call("POST", `/v1/executions/${ids[i]}/replay`, {});
      const body = (await res.json()) as { outcome?: string };
      if (body.outcome !== "consistent") throw new Error(`replay ${res.status} ${JSON.stringify(body)}`);
    }
  }));
  const elapsed = performance.now() - t0;
  const benchCpu = process.cpuUsage(cpu0.bench);
  const workerdCpu = childCpuSeconds() - cpu0.workerd;
  console.log(`${ids.length} replays in ${(elapsed / 1000).toFixed(2)} s (${((ids.length / elapsed) * 1000).toFixed(0)}/s)`);
  console.log(`CPU during the replays: workerd ${workerdCpu.toFixed(2)} s (${((workerdCpu / ids.length) * 1000).toFixed(1)} ms a replay), this client ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(2)} s`);
  const g0 = childCpuSeconds();
  let nextGet = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = nextGet++; i < ids.length; i = nextGet++) await expectJson(await call("GET", `/v1/executions/${ids[i]}`), 200, "get");
  }));
  const getCpu = childCpuSeconds() - g0;
  console.log(`baseline: ${ids.length} GET /v1/executions/{id} at the same concurrency, workerd ${getCpu.toFixed(2)} s (${((getCpu / ids.length) * 1000).toFixed(1)} ms a GET)`);
  if (session !== undefined) {
    const { profile } = (await session.send("Profiler.stop")) as { profile: Profile };
    session.close();
    if (OUT !== undefined) writeFileSync(OUT, JSON.stringify(profile));
    summarize(profile);
  }
} finally {
  await mf.dispose();
  await standin.close();
  rmSync(outdir, { recursive: true, force: true });
}

async function profilerOf() {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as { id: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.id.includes("control-plane")) ?? targets[0];
  if (target === undefined) throw new Error("no inspector target");
  const session = await cdp(target.webSocketDebuggerUrl);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: SAMPLE_US });
  return session;
}

function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // A sample after a gap (the thread busy outside this isolate's JavaScript: SQLite, RPC, the D1 simulator) counts one
  // interval, not the gap, which would otherwise land on whatever frame awaited the I/O.
  profile.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + Math.min(profile.timeDeltas[i] ?? 0, 2 * SAMPLE_US)));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const selfBy = new Map<string, number>();
  const inclusiveBy = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id);
    if (n === undefined) continue;
    const name = (node: ProfileNode) => `${node.callFrame.functionName || "(anon)"}:${node.callFrame.lineNumber}`;
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (node === undefined) break;
      const k = name(node);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveBy.set(k, (inclusiveBy.get(k) ?? 0) + t);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n");
  console.log(`profile: ${(total / 1000).toFixed(0)} ms of this isolate's samples\n-- self --\n${top(selfBy, 40)}\n-- inclusive --\n${top(inclusiveBy, 70)}`);
}
