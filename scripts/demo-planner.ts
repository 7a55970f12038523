import { SLACK_PLAN_ACTIONS } from "../contracts/common/plan-confirmation-controls.ts";
import { type ModelStandin, STANDIN_MODEL, startModelStandin } from "../eval/planner/standin.ts";
import { type DemoApi, demoApi, firstExecutionId } from "./lib/demo/api.ts";
import { BOOTSTRAP_TOKEN, demoVars, SLACK_SIGNING_SECRET, TEAM, TENANT } from "./lib/demo/config.ts";
import { approveThroughLinks, heldForApproval } from "./lib/demo/approvals.ts";
import { completion, consistentReplay, verifiedTrace } from "./lib/demo/ending.ts";
import { owe, withLocalControlPlane } from "./lib/demo/local.ts";
import { arr, expect, finale, type Json, obj, say, step, str } from "./lib/demo/output.ts";
import { type ProviderStandin, startProviderStandin } from "./lib/demo/provider-standin.ts";
import { pressSlackButton, sendSlashCommand } from "./lib/demo/slack.ts";
import { addApprover, setUpSlackTenant } from "./lib/demo/tenant.ts";

/**
 * `npm run demo:planner`: the local control plane with its planner pointed at the eval's STAND-IN model (a keyword
 * reader behind a loopback OpenAI-compatible server, not a language model) and Slack's and GitHub's APIs at the
 * provider stand-in, driven through one story: a plain-language Slack request → the model's draft, recorded →
 * the exact compiled plan shown in the thread with Confirm / Cancel → another user's press refused → the requester confirms →
 * policy holds the high-risk step for two approvals → approved through links → the reply → the verified trace →
 * a replay that feeds the recorded answer back without calling the model → a live replay that asks it again and
 * reports drift without running anything. Exits 0 only when all of that happened.
 */

const REQUESTER_SLACK_USER = "U0ADA";
const REQUEST = "can you close the flaky-test issue acme/app#7 and then tell the channel it is done";

async function main(): Promise<void> {
  const providers = await startProviderStandin();
  owe(providers.close);
  const model = await startModelStandin();
  owe(model.close);
  try {
    const vars = demoVars(providers.url, {
      MODEL_PROVIDER: "openai-compatible",
      MODEL_BASE_URL: model.baseUrl,
      MODEL_NAME: STANDIN_MODEL,
    });
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

  step(`A plain-language Slack request from ada (Slack user ${REQUESTER_SLACK_USER}, no API key, not an approver): \`/cp ${REQUEST}\``);
  const responseUrl = `${providers.url}/commands/${TEAM}/1234/demo`;
  await sendSlashCommand(api.base, SLACK_SIGNING_SECRET, { team: TEAM, channel: "C0OPS", user: REQUESTER_SLACK_USER, text: REQUEST, responseUrl });
  say("the grammar cannot read it, so the execution (not the webhook's ack) asks the planner's model");

  step("The model's draft, recorded and compiled; nothing runs yet (GET /v1/traces/{traceId}?includePayloads=true)");
  const executionId = await firstExecutionId(api, adminKey);
  const traceId = str((await api.ok("GET", `/v1/executions/${executionId}`, adminKey)).traceId);
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
  const detail = await api.ok("GET", `/v1/executions/${executionId}`, adminKey);
  expect(arr(detail.steps).length === 0, "steps started before confirmation");
  expect(!providers.received.some((r) => r.path.startsWith("/repos/")), "GitHub was called before confirmation");
  say(`execution ${executionId}: ${str(detail.status)}, no step started, GitHub not called`);

  step("The exact plan, shown where ada asked, with Confirm / Cancel (what the provider stand-in received at the response_url)");
  const prompt = await api.until("the confirmation prompt in the thread", async () => Promise.resolve(providers.received.find((r) => r.body.includes(SLACK_PLAN_ACTIONS.confirm))));
  const shown = obj(JSON.parse(prompt.body));
  for (const line of str(shown.text).split("\n")) say(`  ${line}`);
  const buttons = arr(arr(shown.blocks).map(obj).find((b) => b.type === "actions")?.elements).map(obj);
  const confirm = buttons.find((b) => b.action_id === SLACK_PLAN_ACTIONS.confirm);
  expect(confirm !== undefined, "no Confirm button");
  say(`buttons: ${buttons.map((b) => str(b.action_id)).join(", ")}; Confirm carries ${str(confirm.value)}`);
  expect(obj(JSON.parse(str(confirm.value))).planDigest === planDigest, "the Confirm button is not bound to the plan digest");

  step("Only the requester's press counts: grace presses Confirm (a signed Slack block_actions delivery)");
  await pressSlackButton(api.base, SLACK_SIGNING_SECRET, { team: TEAM, channel: "C0OPS", user: "U0GRACE", actionId: SLACK_PLAN_ACTIONS.confirm, value: str(confirm.value), responseUrl });
  const refused = await api.until("the refusal in the trace", async () => {
    const trace = arr((await api.ok("GET", `/v1/traces/${traceId}?includePayloads=true`, adminKey)).events).map(obj);
    return trace.find((e) => e.type === "controlPlane.plan.confirmation_refused");
  });
  expect(obj(refused.payload).code === "NOT_REQUESTER", `grace's press was not refused as NOT_REQUESTER: ${JSON.stringify(refused.payload)}`);
  say(`controlPlane.plan.confirmation_refused: ${str(obj(refused.payload).code)}; execution still ${str((await api.ok("GET", `/v1/executions/${executionId}`, adminKey)).status)}`);

  step("ada presses Confirm");
  await pressSlackButton(api.base, SLACK_SIGNING_SECRET, { team: TEAM, channel: "C0OPS", user: REQUESTER_SLACK_USER, actionId: SLACK_PLAN_ACTIONS.confirm, value: str(confirm.value), responseUrl });

  step("After confirmation, policy decides each step as for any plan (GET /v1/executions/{id})");
  await heldForApproval(api, executionId, adminKey);

  await approveThroughLinks(api, executionId, adminKey, [
    { who: "admin", key: adminKey },
    { who: "grace", key: grace.key },
  ]);
  await completion(api, adminKey, executionId);

  step("What the stand-ins received (one model call; GitHub's API; the reply at the command's response_url)");
  const replyText = str(obj(arr(requested.steps).map(obj).find((s) => str(s.tool).startsWith("channel.reply@"))?.input).text);
  const reply = await api.until("the reply at the response_url", async () =>
    Promise.resolve(providers.received.find((r) => r.path.startsWith("/commands/") && obj(JSON.parse(r.body)).text === replyText)),
  5_000);
  say(`model stand-in: ${model.calls()} chat completion(s)`);
  for (const r of providers.received) say(`${r.method} ${r.path}  ${r.body.length > 160 ? `${r.body.slice(0, 160)}…` : r.body}`);
  expect(reply.body.length > 0, "the reply was empty");
  expect(model.calls() === 1, `the model was called ${model.calls()} times`);

  await verifiedTrace(api, adminKey, traceId, describeEvent);
  await consistentReplay(api, adminKey, executionId, "feeds the recorded model answer back instead of asking the model");
  expect(model.calls() === 1, `replay called the model (${model.calls()} calls)`);
  say(`model stand-in: still ${model.calls()} chat completion: replay did not ask it again`);

  step("Replay with live: true: ask the configured model again and report drift; nothing runs (POST /v1/executions/{id}/replay)");
  const live = obj((await api.ok("POST", `/v1/executions/${executionId}/replay`, adminKey, { live: true })).live);
  say(`model recorded ${str(obj(live.model).recorded)}, asked now ${str(obj(live.model).live)}: ${str(live.outcome)}, ${arr(live.differences).length} differences`);
  expect(live.outcome === "same", `the stand-in drifted: ${JSON.stringify(live)}`);
  const githubCalls = providers.received.filter((r) => r.path.startsWith("/repos/")).length;
  expect(githubCalls === 1, `GitHub was called ${githubCalls} times: a replay ran a step`);
  say(`model stand-in: ${model.calls()} chat completions; GitHub still called once in all`);
}

function describeEvent(event: Json): string | null {
  const payload = obj(event.payload);
  switch (event.type) {
    case "controlPlane.plan.drafted":
      return `model ${str(obj(payload.request).model)}, response digest ${str(payload.responseDigest).slice(0, 16)}…`;
    case "controlPlane.plan.compiled":
      return `interpreter ${str(obj(obj(payload.plan).interpreter).name)}@${str(obj(obj(payload.plan).interpreter).version).slice(0, 24)}…`;
    case "controlPlane.plan.confirmation_resolved":
      return `${str(payload.decision)} by ${str(obj(payload.by).id)} via ${str(payload.via)}`;
    case "controlPlane.plan.confirmation_refused":
      return `${str(payload.code)}: ${str(obj(payload.by).id)} via ${str(payload.via)}`;
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
