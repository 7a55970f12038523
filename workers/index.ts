import { Hono } from "hono";
import { operatorApi } from "./api/app.ts";
import { approvalRoutes } from "./approvals/routes.ts";
import { dashboardRoutes } from "./dashboard/routes.tsx";
import { problemResponse, renderProblem } from "./api/problem.ts";
import { webhookRoutes } from "./channels/routes.ts";
import type { Env } from "./env.ts";
import { channelSink, tenantResolver } from "./ingest/channel-sink.ts";
import { consumeHandoffs } from "./ingest/consume.ts";
import { mcpRoutes } from "./mcp/routes.ts";
import { slackConnectRoutes } from "./connect/slack.ts";
import { githubConnectRoutes } from "./connect/github.ts";
import { installEvents } from "./connect/install-events.ts";
import { database } from "./db.ts";
import { oauthRoutes } from "./oauth/authorize-routes.tsx";
import { withOAuth } from "./oauth/routing.ts";
import { consumeDeadLetters, isDeadLetterQueue } from "./ingest/dead-letter.ts";
import { runScheduled } from "./scheduled.ts";

export { DeliveryRecorderDO } from "../durable-objects/delivery-recorder.ts";
export { ExecutionDO } from "../durable-objects/execution.ts";
export { RegistryTraceDO } from "../durable-objects/registry-trace.ts";
export { EgressGateway } from "./skills/egress-gateway.ts";

const app = new Hono<{ Bindings: Env }>();
app.get("/healthz", (c) => c.json({ ok: true }));
app.route("/", // Webhook traffic starts executions through the queue only: starting them inline (as the API does) made
// acknowledgements wait behind execution work under load (npm run bench:ingest), putting Slack's 3 s at risk.
webhookRoutes<Env>((env) => ({ sink: channelSink(env), resolveTenant: tenantResolver(env), installEvents: installEvents(database(env.DB)) })));
app.route("/", approvalRoutes());
app.route("/", dashboardRoutes());
app.route("/", mcpRoutes());
app.route("/", oauthRoutes());
app.route("/", slackConnectRoutes());
app.route("/", githubConnectRoutes());
app.route("/", operatorApi());
app.notFound(() => problemResponse(404, "NOT_FOUND", "No such route."));
app.onError(renderProblem);

export default {
  fetch: withOAuth(app.fetch),
  async queue(batch, env) {
    if (isDeadLetterQueue(batch.queue)) await consumeDeadLetters(batch, env, new Date());
    else await consumeHandoffs(batch, env);
  },
  async scheduled(controller, env) {
    await runScheduled(env, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, unknown>;
