import { Hono } from "hono";
import { operatorApi } from "./api/app.ts";
import { problemResponse, renderProblem } from "./api/problem.ts";
import type { Env } from "./env.ts";
import { consumeHandoffs } from "./ingest/consume.ts";

export { ExecutionDO } from "../durable-objects/execution.ts";

const app = new Hono<{ Bindings: Env }>();
app.get("/healthz", (c) => c.json({ ok: true }));
app.route("/", operatorApi());
app.notFound(() => problemResponse(404, "NOT_FOUND", "No such route."));
app.onError(renderProblem);

export default {
  fetch: app.fetch,
  queue: consumeHandoffs,
} satisfies ExportedHandler<Env, unknown>;
