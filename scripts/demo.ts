import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, startLocalWorker } from "../test/cli/support/worker.ts";
import { bindDelivery } from "../test/support/confirm-binding.ts";

/**
 * `npm run demo`: the local control plane (wrangler, embedded D1/R2/DOs/queues in a temp dir) with Slack's and
 * GitHub's APIs pointed at a stand-in on loopback, driven through one story: a signed Slack `/cp close` →
 * the plan held for two approvals → an approval link opened and used → the reply the stand-in received →
 * the verified trace → a consistent replay. Exits 0 only when all of that happened. Nothing leaves the machine.
 */

interface Received {
  method: string;
  path: string;
  body: string;
}

type Json = Record<string, unknown>;

const started = Date.now();
// Nothing leaves the machine: no `Request.cf` lookup at workers.cloudflare.com, no wrangler metrics; quiet logs.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
process.env.WRANGLER_LOG ??= "error";
const SLACK_SIGNING_SECRET = randomBytes(24).toString("base64url");
const BOOTSTRAP_TOKEN = randomBytes(24).toString("base64url");
const TENANT = "acme";
const TEAM = "T0DEMO";

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
let stepNo = 0;
function step(title: string): void {
  stepNo += 1;
  console.log(`\n${bold(`${stepNo}. ${title}`)} ${dim(`(+${((Date.now() - started) / 1000).toFixed(1)} s)`)}`);
}
const say = (line: string) => console.log(`   ${line}`);

class DemoError extends Error {}
function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new DemoError(message);
}
const obj = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** Slack's and GitHub's APIs, as far as the story needs them; records every request. */
async function startProviderStandin(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      const method = req.method ?? "";
      received.push({ method, path, body: Buffer.concat(chunks).toString("utf8") });
      const issue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
      let answer: Json;
      if (issue !== null && method === "PATCH") {
        const [, owner = "", repo = "", number = "0"] = issue;
        answer = { number: Number(number), state: "closed", html_url: `https://github.com/${owner}/${repo}/issues/${number}` };
      } else if (path.startsWith("/commands/")) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
        return;
      } else {
        answer = { ok: true, channel: "C0OPS", ts: `1700000000.${String(received.length).padStart(6, "0")}` };
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cleanups still owed, newest last; run by `finally` blocks, or on Ctrl-C by the signal handler below. */
const owed: (() => Promise<void>)[] = [];
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\ndemo interrupted (${signal}), cleaning up`);
    void (async () => {
      for (const cleanup of owed.reverse()) await cleanup().catch(() => undefined);
      process.exit(130);
    })();
  });
}

async function main(): Promise<void> {
  const persistDir = mkdtempSync(join(tmpdir(), "cplane-demo-"));
  const removeDir = async () => rmSync(persistDir, { recursive: true, force: true });
  owed.push(removeDir);
  // wrangler's own signal handling may exit the process before the cleanups above finish: the temp dir goes anyway.
  process.once("exit", () => rmSync(persistDir, { recursive: true, force: true }));
  const standin = await startProviderStandin();
  owed.push(standin.close);
  try {
    step("Start the local control plane (embedded D1, Durable Objects, queues; providers on a loopback stand-in)");
    await migrate(persistDir);
    const worker = await startLocalWorker(persistDir, {
      ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      APPROVAL_SIGNING_KEY: randomBytes(24).toString("base64url"),
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: `${standin.url}/api`,
      SLACK_BOT_TOKEN: "xoxb-demo",
      GITHUB_API_URL: standin.url,
      GITHUB_TOKEN: "ghp_demo",
      PUBLIC_BASE_URL: "http://control-plane.local",
    });
    owed.push(worker.dispose);
    try {
      say(`Worker at ${worker.url}, provider stand-in at ${standin.url}`);
      await story(worker.url, standin);
    } finally {
      await worker.dispose();
    }
  } finally {
    await standin.close();
    await removeDir();
    owed.length = 0;
  }
}

async function story(base: string, standin: { url: string; received: Received[] }): Promise<void> {
  async function call(method: string, path: string, key: string | undefined, body?: unknown): Promise<{ status: number; json: Json }> {
    const headers: Record<string, string> = {};
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    let json: Json = {};
    try {
      json = obj(JSON.parse(text));
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  }
  async function ok(method: string, path: string, key: string | undefined, body?: unknown): Promise<Json> {
    const res = await call(method, path, key, body);
    expect(res.status >= 200 && res.status < 300, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json;
  }
  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new DemoError(`timed out waiting for ${what}`);
  }

  step("Bootstrap tenant `acme` (POST /v1/bootstrap with the operator's bootstrap token)");
  const boot = await ok("POST", "/v1/bootstrap", BOOTSTRAP_TOKEN, { tenantId: TENANT });
  const adminKey = str(boot.key);
  say(`admin principal ${str(boot.principalId)}, API key ${adminKey.slice(0, 10)}… (shown once)`);
  const binding = await ok("POST", "/v1/channel-bindings", adminKey, { provider: "slack", externalId: TEAM });
  const confirmation = obj(binding.confirmation);
  expect(binding.status === "pending" && typeof confirmation.code === "string", `the new binding is not pending with a code: ${JSON.stringify(binding)}`);
  say(`Slack team ${TEAM} claimed for tenant ${str(binding.tenantId ?? TENANT)}: pending; one-time code ${str(confirmation.code)} (only its hash is stored)`);

  step("Confirm the binding from inside the team: a signed Slack slash command `/cp bind <code>`");
  const bind = await bindDelivery({ provider: "slack", externalId: TEAM }, str(confirmation.code), { SLACK_SIGNING_SECRET });
  const bound = await fetch(`${base}${bind.path}`, bind.init);
  expect(bound.status === 200, `the bind command answered ${bound.status}`);
  const listed = arr((await ok("GET", "/v1/channel-bindings?provider=slack", adminKey)).items).map(obj);
  expect(listed.some((b) => b.externalId === TEAM && b.status === "confirmed"), `the binding is not confirmed: ${JSON.stringify(listed)}`);
  say(`Slack team ${TEAM} confirmed for tenant ${TENANT}: its traffic now runs as the tenant`);

  step("Add a second approver (POST /v1/keys, then POST /v1/groups/approvers/members)");
  const graceKey = await ok("POST", "/v1/keys", adminKey, { name: "grace", capabilities: ["control-plane.approval", "control-plane.core"] });
  const gracePrincipal = str(graceKey.principalId);
  await ok("POST", "/v1/groups/approvers/members", adminKey, { principalId: gracePrincipal });
  say(`approvers: ${str(boot.principalId)} (bootstrap admin), ${gracePrincipal} (key ${str(graceKey.keyId)})`);

  step("A signed Slack slash command: `/cp close acme/app#7 then reply done` (form-encoded, Slack v0 HMAC signature)");
  const form = new URLSearchParams({
    token: "legacy-verification-token-unused",
    team_id: TEAM,
    team_domain: "acme",
    channel_id: "C0OPS",
    channel_name: "ops",
    user_id: "U0ADA",
    user_name: "ada",
    command: "/cp",
    text: "close acme/app#7 then reply done",
    response_url: `${standin.url}/commands/${TEAM}/1234/demo`,
    trigger_id: `${Date.now()}.1.demo`,
    api_app_id: "A0DEMO",
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", SLACK_SIGNING_SECRET).update(`v0:${ts}:${form}`).digest("hex")}`;
  const ack = await fetch(`${base}/webhooks/slack`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
    body: form,
  });
  const ackText = await ack.text();
  expect(ack.status === 200, `the webhook answered ${ack.status}: ${ackText}`);
  say(`x-slack-signature: ${signature.slice(0, 20)}…  →  ${ack.status} ${ackText}`);

  step("The plan: each step's verdict and policy reason (GET /v1/executions/{id})");
  const executionId = await until("the execution to start", async () => {
    const list = await ok("GET", "/v1/executions", adminKey);
    const first = obj(arr(list.items)[0]);
    return typeof first.executionId === "string" ? first.executionId : undefined;
  });
  const held = await until("a step waiting for approval", async () => {
    const execution = await ok("GET", `/v1/executions/${executionId}`, adminKey);
    return execution.status === "waiting_approval" ? execution : undefined;
  });
  say(`execution ${executionId}: ${str(held.status)}`);
  for (const s of arr(held.steps).map(obj)) {
    const verdict = obj(s.verdict);
    const tool = typeof s.tool === "string" ? s.tool : str(obj(s.tool).key);
    const decided = s.verdict === null ? "verdict when its dependencies succeed" : `verdict=${str(verdict.verdict)} tier=${str(verdict.tier)}`;
    say(`  ${str(s.stepId)}  ${tool.padEnd(20)} ${str(s.state).padEnd(17)} ${decided}`);
    if (s.verdict !== null) say(`      reason: ${str(verdict.reason)} (policy ${str(verdict.policyVersion)})`);
  }

  step("Approval links for each approver (GET /v1/approvals)");
  const links: { who: string; link: string }[] = [];
  for (const [who, key] of [
    ["admin", adminKey],
    ["grace", str(graceKey.key)],
  ] as const) {
    const pending = arr((await ok("GET", "/v1/approvals", key)).items).map(obj);
    const item = pending.find((p) => p.executionId === executionId);
    expect(item !== undefined && typeof item.link === "string", `no approval link for ${who}`);
    const link = str(item.link);
    links.push({ who, link });
    say(`${who}: ${str(obj(item.tool).key)} quorum ${str(item.quorum)} (requester excluded: ${str(item.excludeRequester)})`);
    say(`   ${link.slice(0, 72)}…`);
  }

  step("Open a link (GET /approve/{token}): shows the request, changes nothing");
  const firstLink = links[0];
  expect(firstLink !== undefined, "no link");
  const pathOf = (link: string) => new URL(link).pathname;
  const page = await fetch(`${base}${pathOf(firstLink.link)}`);
  const html = await page.text();
  expect(page.status === 200, `the link page answered ${page.status}`);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "(untitled)";
  say(`${page.status} text/html "${title}", ${html.length} bytes, with an approve/reject form`);
  const after = await ok("GET", `/v1/executions/${executionId}`, adminKey);
  expect(after.status === "waiting_approval", `opening the link changed the execution to ${str(after.status)}`);
  say(`execution still ${str(after.status)}`);

  step("Decide through the links (POST /approve/{token}, decision=approve), two approvers for a high-risk step");
  for (const { who, link } of links) {
    const res = await fetch(`${base}${pathOf(link)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=approve",
    });
    const decided = obj(await res.json());
    expect(res.status === 200, `${who}'s decision answered ${res.status}: ${JSON.stringify(decided)}`);
    say(`${who}: ${res.status} ${str(decided.decision)}, ${str(decided.approvals)}/${str(decided.quorum)} approvals, step ${str(decided.stepState)}`);
  }

  step("The execution completes");
  const done = await until("the execution to end", async () => {
    const execution = await ok("GET", `/v1/executions/${executionId}`, adminKey);
    return ["succeeded", "failed", "cancelled"].includes(str(execution.status)) ? execution : undefined;
  });
  for (const s of arr(done.steps).map(obj)) {
    const tool = typeof s.tool === "string" ? s.tool : str(obj(s.tool).key);
    say(`  ${str(s.stepId)}  ${tool.padEnd(20)} ${str(s.state)}`);
  }
  expect(done.status === "succeeded", `the execution ended ${str(done.status)}`);
  say(`execution ${executionId}: ${str(done.status)}`);

  step("What the local stand-in received (the approval request and the reply at the command's response_url, GitHub's API)");
  const atResponseUrl = () => standin.received.filter((r) => r.path.startsWith("/commands/"));
  const notice = atResponseUrl().find((r) => r.body.includes("cp.approval.approve"));
  expect(notice !== undefined && !notice.body.includes("/approve/"), "no approval request (without links) at the response_url");
  const reply = await until("the reply at the response_url", async () =>
    Promise.resolve(atResponseUrl().find((r) => !r.body.includes("cp.approval.approve"))),
  5_000);
  for (const r of standin.received) say(`${r.method} ${r.path}  ${r.body}`);
  expect(reply.body.length > 0, "the reply was empty");

  step("Trace, chain verified by the server (GET /v1/traces/{traceId})");
  const traceId = str(done.traceId);
  const trace = await ok("GET", `/v1/traces/${traceId}`, adminKey);
  const events = arr(trace.events).map(obj);
  for (const e of events) say(`  #${str(e.seq)} ${str(e.type)}`);
  const chain = obj(trace.chain);
  say(`chain: valid=${str(chain.valid)} through seq ${str(chain.checkedThroughSeq)}`);
  expect(chain.valid === true, "the trace chain did not verify");

  step("Replay (POST /v1/executions/{id}/replay): re-run interpretation, compilation, policy and executor on the record");
  const replay = await ok("POST", `/v1/executions/${executionId}/replay`, adminKey, {});
  say(`outcome: ${str(replay.outcome)}, ${str(replay.eventsCompared)} events compared, ${arr(replay.differences).length} differences`);
  expect(replay.outcome === "consistent", `replay diverged: ${JSON.stringify(replay.differences)}`);
}

try {
  await main();
  console.log(`\n${bold("Story complete: replay consistent.")} ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
