import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import worker from "../../../workers/index.ts";
import { type Admin, bootstrap, call, createKey, ensureBound } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { deliverHandoff, runAlarms, submit } from "../../support/runtime.ts";
import { standin } from "../../support/standin.ts";
import { slackThread } from "../../governance/support.ts";

const DAY = 86_400_000;
const closeIssue = { kind: "plan", steps: [{ key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number: 7 }, after: [] }] };

let admin: Admin;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap("replay-archived-offer");
});

// Regression: the archive's replay ran the model's recorded answer against every tool (no offered list), so an
// answer refused as TOOL_NOT_OFFERED replayed as a plan, and the replay reported a divergence that never happened.
it("an archived model-drafted execution replays with the tools it offered, as its live object did: consistent", async () => {
  const narrowed = await createKey(admin, [{ capability: "control-plane.core", tools: ["channel.reply", "github.issue.comment"] } as unknown as string]);
  await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
  await modelStandin.answer(closeIssue);
  const submitted = await submit(narrowed.key, { channel: "slack", replyTo: slackThread, text: "please close acme/web#7 for me" });
  await deliverHandoff(submitted, admin.tenantId);
  await runAlarms(submitted.executionId);
  const replay = async () => (await call("POST", `/v1/executions/${submitted.executionId}/replay`, { key: admin.key, body: {} })).json();
  const live = await replay();
  expect(live).toMatchObject({ outcome: "consistent" });

  await worker.scheduled(createScheduledController({ scheduledTime: Date.now() + 91 * DAY, cron: "*/5 * * * *" }), env);
  const row = await env.DB.prepare("SELECT archive_key FROM executions WHERE id = ?").bind(submitted.executionId).first<{ archive_key: string | null }>();
  expect(row?.archive_key).toMatch(/^archives\//);

  const archived = await replay();
  expect(archived).toMatchObject({ outcome: "consistent", differences: [] });
  expect(archived).toEqual(live);
});
