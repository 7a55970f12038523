import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

/** `npm run deploy` against a fake wrangler that logs every call and keeps a fake account's resources in files. */
const ROOT = join(import.meta.dirname, "../..");
const FAKE = join(import.meta.dirname, "support/fake-wrangler.sh");
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function account() {
  const dir = mkdtempSync(join(tmpdir(), "deploy-test-"));
  dirs.push(dir);
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  const deploy = (...args: string[]) => {
    const run = spawnSync(process.execPath, ["scripts/deploy.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DEPLOY_WRANGLER_BIN: FAKE, FAKE_WRANGLER_LOG: log, FAKE_WRANGLER_STATE: dir },
    });
    return { status: run.status, out: run.stdout, err: run.stderr };
  };
  const calls = () => readFileSync(log, "utf8").split("\n").filter((line) => line !== "");
  const secretsFile = (text: string) => {
    const path = join(dir, "secrets.env");
    writeFileSync(path, text);
    return path;
  };
  return { dir, deploy, calls, secretsFile };
}

test("--dry-run prints the whole plan in order and runs nothing", () => {
  const { deploy, calls } = account();
  const run = deploy("--env", "production", "--dry-run");
  assert.equal(run.status, 0, run.err);
  const order = [
    "wrangler whoami",
    "wrangler d1 list --json",
    "wrangler d1 create control-plane-production",
    "wrangler r2 bucket create control-plane-production-traces",
    "wrangler r2 bucket create control-plane-production-skills",
    "wrangler queues create control-plane-production-ingest-dlq",
    "wrangler queues create control-plane-production-ingest",
    "write .deploy/wrangler.production.json",
    "wrangler d1 migrations apply DB --remote --env production --config .deploy/wrangler.production.json",
    "wrangler secret list --format json --env production --config .deploy/wrangler.production.json",
    "wrangler deploy --env production --config .deploy/wrangler.production.json",
  ];
  const positions = order.map((line) => run.out.indexOf(line));
  assert.ok(positions.every((p) => p >= 0), `missing from the plan: ${order.filter((_, i) => (positions[i] ?? -1) < 0).join(" | ")}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, "plan out of order");
  assert.match(run.out, /\/webhooks\/slack/);
  assert.deepEqual(calls(), [], "a dry run called wrangler");
});

test("a first deploy creates every resource, fills the real D1 id, deploys with the secrets file; a second creates nothing", () => {
  const { dir, deploy, calls, secretsFile } = account();
  const secrets = secretsFile('ADMIN_BOOTSTRAP_TOKEN="a"\nAPPROVAL_SIGNING_KEY="b"\nSLACK_SIGNING_SECRET="c"\n');
  const first = deploy("--env", "production", "--public-url", "https://cp.example.com", "--secrets-file", secrets);
  assert.equal(first.status, 0, first.err + first.out);
  const created = calls().filter((call) => call.includes(" create "));
  assert.deepEqual(created, [
    "d1 create control-plane-production",
    "r2 bucket create control-plane-production-traces",
    "r2 bucket create control-plane-production-skills",
    "queues create control-plane-production-ingest-dlq",
    "queues create control-plane-production-ingest",
  ]);
  const last = calls().at(-1) ?? "";
  assert.match(last, /^deploy --env production --config \.deploy\/wrangler\.production\.json --secrets-file /);

  const deployed = JSON.parse(readFileSync(join(dir, "deployed-config.json"), "utf8"));
  const production = deployed.env.production;
  const id = readFileSync(join(dir, "d1-control-plane-production"), "utf8").trim();
  assert.equal(production.d1_databases[0].database_id, id);
  assert.doesNotMatch(JSON.stringify(deployed), /00000000-0000-0000-0000-000000000000|127\.0\.0\.1|localhost/);
  assert.equal(production.vars.PUBLIC_BASE_URL, "https://cp.example.com");
  assert.equal(production.vars.TWILIO_WEBHOOK_URL, "https://cp.example.com/webhooks/twilio");
  assert.deepEqual(production.routes, [{ pattern: "cp.example.com", custom_domain: true }]);
  assert.match(first.out, /Slack\s+https:\/\/cp\.example\.com\/webhooks\/slack\n/);
  assert.match(first.out, /GitHub\s+https:\/\/cp\.example\.com\/webhooks\/github\s+\(not configured/);

  writeFileSync(join(dir, "calls.log"), "");
  const second = deploy("--env", "production", "--public-url", "https://cp.example.com");
  assert.equal(second.status, 0, second.err + second.out);
  assert.deepEqual(calls().filter((call) => call.includes(" create ")), []);
  assert.match(calls().at(-1) ?? "", /^deploy --env production/);
});

test("a missing required secret stops the deploy before anything is uploaded, naming the secret", () => {
  const { deploy, calls, secretsFile } = account();
  const run = deploy("--env", "production", "--public-url", "https://cp.example.com", "--secrets-file", secretsFile('ADMIN_BOOTSTRAP_TOKEN="a"\n'));
  assert.equal(run.status, 2);
  assert.match(run.err, /secrets not set for env\.production: APPROVAL_SIGNING_KEY/);
  assert.ok(!calls().some((call) => call.startsWith("deploy")), "deployed anyway");
});

test("half a channel's secrets (Meta app secret without its verify token) stops the deploy", () => {
  const { deploy, calls, secretsFile } = account();
  const secrets = secretsFile('ADMIN_BOOTSTRAP_TOKEN="a"\nAPPROVAL_SIGNING_KEY="b"\nMETA_APP_SECRET="c"\n');
  const run = deploy("--env", "staging", "--public-url", "https://cp-staging.example.workers.dev", "--secrets-file", secrets);
  assert.equal(run.status, 2);
  assert.match(run.err, /META_VERIFY_TOKEN/);
  assert.ok(!calls().some((call) => call.startsWith("deploy")));
});

test("refuses a localhost or plain-http public URL and an unknown environment", () => {
  const { deploy } = account();
  assert.match(deploy("--env", "production", "--public-url", "http://127.0.0.1:8787").err, /public https URL/);
  assert.match(deploy("--env", "prod", "--dry-run").err, /no env\.prod/);
  assert.match(deploy("--env", "production").err, /--public-url is required/);
});
