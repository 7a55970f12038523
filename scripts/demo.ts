import { type DemoApi, demoApi, firstExecutionId } from "./lib/demo/api.ts";
import { BOOTSTRAP_TOKEN, demoVars, SLACK_SIGNING_SECRET, TEAM, TENANT } from "./lib/demo/config.ts";
import { approveThroughLinks, heldForApproval } from "./lib/demo/approvals.ts";
import { completion, consistentReplay, verifiedTrace } from "./lib/demo/ending.ts";
import { owe, withLocalControlPlane } from "./lib/demo/local.ts";
import { expect, finale, say, step, str } from "./lib/demo/output.ts";
import { type ProviderStandin, startProviderStandin } from "./lib/demo/provider-standin.ts";
import { sendSlashCommand } from "./lib/demo/slack.ts";
import { addApprover, setUpSlackTenant } from "./lib/demo/tenant.ts";

/**
 * `npm run demo`: the local control plane (wrangler, embedded D1/R2/DOs/queues in a temp dir) with Slack's and
 * GitHub's APIs pointed at a stand-in on loopback, driven through one story: a signed Slack `/cp close` →
 * the plan held for two approvals → an approval link opened and used → the reply the stand-in received →
 * the verified trace → a consistent replay. Exits 0 only when all of that happened. Nothing leaves the machine.
 */

async function main(): Promise<void> {
  const standin = await startProviderStandin();
  owe(standin.close);
  try {
    const vars = demoVars(standin.url);
    await withLocalControlPlane("Start the local control plane (embedded D1, Durable Objects, queues; providers on a loopback stand-in)", vars, async (base) => {
      say(`provider stand-in at ${standin.url}`);
      await story(demoApi(base), standin);
    });
  } finally {
    await standin.close();
  }
}

async function story(api: DemoApi, standin: ProviderStandin): Promise<void> {
  const tenant = await setUpSlackTenant(api, { tenant: TENANT, team: TEAM, bootstrapToken: BOOTSTRAP_TOKEN, signingSecret: SLACK_SIGNING_SECRET });
  const grace = await addApprover(api, tenant, "grace");
  const { adminKey } = tenant;

  step("A signed Slack slash command: `/cp close acme/app#7 then reply done` (form-encoded, Slack v0 HMAC signature)");
  await sendSlashCommand(api.base, SLACK_SIGNING_SECRET, {
    team: TEAM,
    channel: "C0OPS",
    user: "U0ADA",
    text: "close acme/app#7 then reply done",
    responseUrl: `${standin.url}/commands/${TEAM}/1234/demo`,
  });

  step("The plan: each step's verdict and policy reason (GET /v1/executions/{id})");
  const executionId = await firstExecutionId(api, adminKey);
  await heldForApproval(api, executionId, adminKey);

  await approveThroughLinks(api, executionId, adminKey, [
    { who: "admin", key: adminKey },
    { who: "grace", key: grace.key },
  ]);
  const done = await completion(api, adminKey, executionId);

  step("What the local stand-in received (the approval request and the reply at the command's response_url, GitHub's API)");
  const atResponseUrl = () => standin.received.filter((r) => r.path.startsWith("/commands/"));
  const notice = atResponseUrl().find((r) => r.body.includes("cp.approval.approve"));
  expect(notice !== undefined && !notice.body.includes("/approve/"), "no approval request (without links) at the response_url");
  const reply = await api.until("the reply at the response_url", async () =>
    Promise.resolve(atResponseUrl().find((r) => !r.body.includes("cp.approval.approve"))),
  5_000);
  for (const r of standin.received) say(`${r.method} ${r.path}  ${r.body}`);
  expect(reply.body.length > 0, "the reply was empty");

  await verifiedTrace(api, adminKey, str(done.traceId));
  await consistentReplay(api, adminKey, executionId);
}

try {
  await main();
  finale("Story complete: replay consistent.");
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
