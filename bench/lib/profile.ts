/**
 * A CPU profile of every workerd isolate over a stretch of a benchmark (BENCH_PROFILE=<dir>): Miniflare's
 * `inspectorPort` exposes workerd's inspector, one target per worker (ours, and Miniflare's own D1, R2, queue
 * and Durable Object simulators); each gets CDP `Profiler.start`, and `stop` writes one `.cpuprofile` per
 * target and sums self time by function and by source file. Our bundle is one file: a sample's line is
 * mapped to the source path esbuild writes as a `// path` comment before each module.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}
interface Target {
  id: string;
  webSocketDebuggerUrl: string;
}

class Cdp {
  #next = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();
  readonly socket: WebSocket;
  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === undefined) return;
      this.#pending.get(message.id)?.(message.error === undefined ? message.result : { error: message.error });
      this.#pending.delete(message.id);
    });
  }
  static open(url: string): Promise<Cdp> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.addEventListener("open", () => resolve(new Cdp(socket)));
      socket.addEventListener("error", () => reject(new Error(`inspector ${url} unreachable`)));
    });
  }
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#next++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.#pending.set(id, (r) => resolve(r as T)));
  }
}

/** Nanoseconds on a CPU and waiting for one of the main thread of this process's workerd child (Linux schedstat). */
function workerdSchedstat(): { onCpu: number; waiting: number } {
  let onCpu = 0;
  let waiting = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (!/^Name:\s+workerd$/m.test(status) || !new RegExp(`^PPid:\\s+${process.pid}$`, "m").test(status)) continue;
      // The main thread runs every isolate (JS, SQLite, fsync); the others are V8's helpers.
      const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
      onCpu += run ?? 0;
      waiting += wait ?? 0;
    } catch {
      // a process that ended meanwhile
    }
  }
  return { onCpu, waiting };
}

export interface Profiling {
  stop(): Promise<string>;
}

/** Starts profiling every isolate behind the inspector at `port`; `stop` writes the profiles into `dir` and returns a summary. */
export async function startProfiling(port: number, dir: string, bundle: string): Promise<Profiling> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Target[];
  const sessions: { id: string; cdp: Cdp }[] = [];
  const schedBefore = workerdSchedstat();
  const wallBefore = performance.now();
  for (const target of targets) {
    const cdp = await Cdp.open(target.webSocketDebuggerUrl);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
    sessions.push({ id: target.id, cdp });
  }
  return {
    async stop() {
      const sched = workerdSchedstat();
      const wallMs = performance.now() - wallBefore;
      const onCpuMs = (sched.onCpu - schedBefore.onCpu) / 1e6;
      const waitingMs = (sched.waiting - schedBefore.waiting) / 1e6;
      const threads =
        `  workerd's main thread over ${(wallMs / 1000).toFixed(1)} s: on a CPU ${(onCpuMs / 1000).toFixed(1)} s, runnable but waiting for one ` +
        `${(waitingMs / 1000).toFixed(1)} s (schedstat; the rest it slept: fsync, timers, the stand-in)`;
      const profiles: { id: string; profile: CpuProfile }[] = [];
      for (const { id, cdp } of sessions) {
        const { profile } = await cdp.send<{ profile: CpuProfile }>("Profiler.stop");
        cdp.socket.close();
        if (profile === undefined) continue;
        writeFileSync(join(dir, `${id.replace(/[^\w.-]/g, "_")}.cpuprofile`), JSON.stringify(profile));
        profiles.push({ id, profile });
      }
      return `${threads}\n${summarize(profiles, bundle)}`;
    },
  };
}

/** Line (0-based) → the source path of the module esbuild placed there. */
function moduleMap(bundle: string): (line: number) => string {
  const starts: { line: number; path: string }[] = [];
  readFileSync(bundle, "utf8")
    .split("\n")
    .forEach((text, line) => {
      const m = /^\/\/ ((?:\.\.\/)*[\w@./-]+\.(?:ts|js|mjs))$/.exec(text);
      if (m?.[1] !== undefined) starts.push({ line, path: m[1].replace(/^(\.\.\/)+/, "").replace(/^.*node_modules\//, "node_modules/") });
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "?";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid];
      if (s === undefined) break;
      if (s.line <= line) {
        found = s.path;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

function summarize(profiles: { id: string; profile: CpuProfile }[], bundle: string): string {
  const moduleAt = moduleMap(bundle);
  const byTarget = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let wall = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const { id, profile } of profiles) {
    wall = Math.max(wall, (profile.endTime - profile.startTime) / 1000);
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const node = nodes.get(samples[i] ?? -1);
      const ms = (deltas[i + 1] ?? 0) / 1000;
      if (node === undefined) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)" || functionName === "(program)") {
        add(byTarget, `${id} ${functionName}`, ms);
        continue;
      }
      add(byTarget, id, ms);
      const file = url.endsWith("index.js") && id.includes("control-plane") ? moduleAt(lineNumber) : `${id}:${url.split("/").pop() ?? url}`;
      add(byFile, file, ms);
      add(byFunction, `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`, ms);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join("\n");
  // Every isolate shares the one thread, and each isolate's sampler also counts time the thread spent in
  // another isolate or in native code: compare within an isolate, not across them.
  return [`  profiled ${(wall / 1000).toFixed(1)} s of wall time (per-isolate figures overlap)`, "  self time by isolate:", top(byTarget, 12), "  by file:", top(byFile, 25), "  by function:", top(byFunction, 40)].join("\n");
}
