import { randomBytes } from "node:crypto";
import { type ModelStandin, STANDIN_MODEL, startModelStandin } from "../eval/planner/standin.ts";
import { type DemoApi, demoApi } from "./lib/demo/api.ts";
import { approveThroughLinks, printSteps } from "./lib/demo/approvals.ts";
import { completion, consistentReplay, verifiedTrace } from "./lib/demo/ending.ts";
import { owe, withLocalControlPlane } from "./lib/demo/local.ts";
import { arr, expect, finale, type Json, obj, say, step, str } from "./lib/demo/output.ts";
import { type ProviderStandin, startProviderStandin } from "./lib/demo/provider-standin.ts";
import { sendSlashCommand } from "./lib/demo/slack.ts";
import { addApprover, createKey, setUpSlackTenant } from "./lib/demo/tenant.ts";

/**
 * `npm run demo:planner`: the local control plane with its planner pointed at the eval's STAND-IN model (a keyword
 * reader behind a loopback OpenAI-compatible server, not a language model) and Slack's and GitHub's APIs at the
 * provider stand-in, driven through one story: a plain-language Slack request → the model's draft, recorded →
 * the exact compiled plan waiting for its requester (others and changed plans refused) → the requester confirms →
 * policy holds the high-risk step for two approvals → approved through links → the reply → the verified trace →
 * a replay that feeds the recorded answer back without calling the model. Exits 0 only when all of that happened.
 */

const SLACK_SIGNING_SECRET = randomBytes(24).toString("base64url");
const BOOTSTRAP_TOKEN = randomBytes(24).toString("base64url");
const TENANT = "acme";
const TEAM = "T0DEMO";
const REQUESTER_SLACK_USER = "U0ADA";
const REQUEST = "can you close the flaky-test issue acme/app#7 and then tell the channel it is done";

async function main(): Promise<void> {
  const providers = await startProviderStandin();
  owe(providers.close);
  const model = await startModelStandin();
  owe(model.close);
  try {
    const vars = {
      ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      APPROVAL_SIGNING_KEY: randomBytes(24).toString("base64url"),
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: `${providers.url}/api`,
      SLACK_BOT_TOKEN: "xoxb-demo",
      GITHUB_API_URL: providers.url,
      GITHUB_TOKEN: "ghp_demo",
      PUBLIC_BASE_URL: "http://control-plane.local",
      MODEL_PROVIDER: "openai-compatible",
      MODEL_BASE_URL: model.baseUrl,
      MODEL_NAME: STANDIN_MODEL,
    };
    console.log(`The planner's model in this demo is a STAND-IN: ${STANDIN_MODEL}, the eval's keyword reader (eval/planner/standin-model.ts)`);
    console.log("behind a loopback OpenAI-compatible server. No language model is called; the README's \"The planner's model\" shows how to use one.");
    await withLocalControlPlane("Start the local control plane (MODEL_PROVIDER=openai-compatible at the stand-in model; providers on a loopback stand-in)", vars, async (base) => {
      say(`model stand-in at ${model.baseUrl}, provider stand-in at ${providers.url}`);
      await story(demoApi(base), providers, model);
    });
  } finally {
    await model.close();
    await providers.close();
  }
}

async function story(api: DemoApi, providers: ProviderStandin, model: ModelStandin): Promise<void> {
  const tenant = await setUpSlackTenant(api, { tenant: TENANT, team: TEAM, bootstrapToken: BOOTSTRAP_TOKEN, signingSecret: SLACK_SIGNING_SECRET });
  const grace = await addApprover(api, tenant, "grace");
  const { adminKey } = tenant;

  step(`The requester: ada, with an API key and her Slack user ${REQUESTER_SLACK_USER} linked (POST /v1/keys, POST /v1/principals/{id}/identities)`);
  // Confirmation here goes through the API, so ada's key must reach an execution her Slack user requested: the API
  // lists as a key's "own" only intents whose actor is its principal, and a Slack intent's actor is the Slack user;
  // a read-only audit grant bridges that (Slack Confirm buttons, where they exist, need no key at all).
  const ada = await createKey(api, adminKey, "ada", ["control-plane.core", "control-plane.audit"]);
  await api.ok("POST", `/v1/principals/${ada.principalId}/identities`, adminKey, { identity: `slack:${TEAM}:${REQUESTER_SLACK_USER}` });
  say(`ada: principal ${ada.principalId}, not an approver; her Slack user is linked to it, so she is the requester of what she asks in Slack`);
  say("her key: control-plane.core and control-plane.audit (read-only, to reach her Slack-requested execution through the API)");

  step(`A plain-language Slack request from ada: \`/cp ${REQUEST}\``);
  await sendSlashCommand(api.base, SLACK_SIGNING_SECRET, {
    team: TEAM,
    channel: "C0OPS",
    user: REQUESTER_SLACK_USER,
    text: REQUEST,
    responseUrl: `${providers.url}/commands/${TEAM}/1234/demo`,
  });
  say("the grammar cannot read it, so the execution (not the webhook's ack) asks the planner's model");

  step("The model's draft, recorded and compiled; nothing runs yet (GET /v1/traces/{traceId}?includePayloads=true)");
  const executionId = await api.until("the execution to start", async () => {
    const first = obj(arr((await api.ok("GET", "/v1/executions", adminKey)).items)[0]);
    return typeof first.executionId === "string" ? first.executionId : undefined;
  });
  const waiting = await api.ok("GET", `/v1/executions/${executionId}`, adminKey);
  const traceId = str(waiting.traceId);
  const events = await api.until("the confirmation request", async () => {
    const trace = arr((await api.ok("GET", `/v1/traces/${traceId}?includePayloads=true`, adminKey)).events).map(obj);
    return trace.some((e) => e.type === "controlPlane.plan.confirmation_requested") ? trace : undefined;
  });
  const drafted = obj(events.find((e) => e.type === "controlPlane.plan.drafted")?.payload);
  const call = obj(drafted.call);
  expect(call.outcome === "answered", `the model call did not answer: ${JSON.stringify(drafted)}`);
  say(`controlPlane.plan.drafted: model ${str(obj(drafted.request).model)} (stand-in), ${str(obj(drafted.usage).totalTokens)} tokens (estimated), ${str(drafted.latencyMs)} ms`);
  say(`  raw answer: ${str(call.raw)}`);
  const requested = obj(events.find((e) => e.type === "controlPlane.plan.confirmation_requested")?.payload);
  const planDigest = str(requested.planDigest);
  say(`controlPlane.plan.confirmation_requested: plan ${str(requested.planId)}, digest ${planDigest.slice(0, 16)}…, expires ${str(requested.expiresAt)}`);
  for (const s of arr(requested.steps).map(obj)) say(`  ${str(s.key).padEnd(8)} ${str(s.tool).padEnd(26)} risk ${str(s.risk).padEnd(6)} ${JSON.stringify(s.input)}`);
  const detail = await api.ok("GET", `/v1/executions/${executionId}`, adminKey);
  expect(arr(detail.steps).length === 0, "steps started before confirmation");
  expect(!providers.received.some((r) => r.path.startsWith("/repos/")), "GitHub was called before confirmation");
  say(`execution ${executionId}: ${str(detail.status)}, no step started, GitHub not called`);

  step("Only the requester may confirm, and only the plan she was shown (POST /v1/executions/{id}/confirm)");
  const byAdmin = await api.call("POST", `/v1/executions/${executionId}/confirm`, adminKey, { planDigest });
  expect(byAdmin.status === 403 && byAdmin.json.code === "NOT_REQUESTER", `the admin's confirmation answered ${byAdmin.status}: ${JSON.stringify(byAdmin.json)}`);
  say(`admin: ${byAdmin.status} ${str(byAdmin.json.code)}`);
  const changed = await api.call("POST", `/v1/executions/${executionId}/confirm`, ada.key, { planDigest: "0".repeat(64) });
  expect(changed.status === 409 && changed.json.code === "PLAN_CHANGED", `a changed digest answered ${changed.status}: ${JSON.stringify(changed.json)}`);
  say(`ada, another digest: ${changed.status} ${str(changed.json.code)}`);
  const confirmed = await api.ok("POST", `/v1/executions/${executionId}/confirm`, ada.key, { planDigest });
  say(`ada, the digest shown: 200, execution ${str(confirmed.status)}`);

  step("After confirmation, policy decides each step as for any plan (GET /v1/executions/{id})");
  const held = await api.until("a step waiting for approval", async () => {
    const execution = await api.ok("GET", `/v1/executions/${executionId}`, adminKey);
    return execution.status === "waiting_approval" ? execution : undefined;
  });
  say(`execution ${executionId}: ${str(held.status)}`);
  printSteps(held);

  await approveThroughLinks(api, executionId, adminKey, [
    { who: "admin", key: adminKey },
    { who: "grace", key: grace.key },
  ]);
  await completion(api, adminKey, executionId);

  step("What the stand-ins received (one model call; GitHub's API; the reply at the command's response_url)");
  const reply = await api.until("the reply at the response_url", async () =>
    Promise.resolve(providers.received.find((r) => r.path.startsWith("/commands/") && !r.body.includes("cp.approval.approve"))),
  5_000);
  say(`model stand-in: ${model.calls()} chat completion(s)`);
  for (const r of providers.received) say(`${r.method} ${r.path}  ${r.body.length > 160 ? `${r.body.slice(0, 160)}…` : r.body}`);
  expect(reply.body.length > 0, "the reply was empty");
  expect(model.calls() === 1, `the model was called ${model.calls()} times`);

  await verifiedTrace(api, adminKey, traceId, describeEvent);
  await consistentReplay(api, adminKey, executionId, "feeds the recorded model answer back instead of asking the model");
  expect(model.calls() === 1, `replay called the model (${model.calls()} calls)`);
  say(`model stand-in: still ${model.calls()} chat completion: replay did not ask it again`);
}

function describeEvent(event: Json): string | null {
  const payload = obj(event.payload);
  switch (event.type) {
    case "controlPlane.plan.drafted":
      return `model ${str(obj(payload.request).model)}, response digest ${str(payload.responseDigest).slice(0, 16)}…`;
    case "controlPlane.plan.compiled":
      return `interpreter ${str(obj(obj(payload.plan).interpreter).name)}@${str(obj(obj(payload.plan).interpreter).version).slice(0, 24)}…`;
    case "controlPlane.plan.confirmation_resolved":
      return `${str(payload.decision)} by ${str(obj(payload.by).id)}`;
    default:
      return null;
  }
}

try {
  await main();
  finale("Story complete: a plain-language request ran only after confirmation and approvals; replay consistent.");
} catch (error) {
  console.error(`\ndemo:planner failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
