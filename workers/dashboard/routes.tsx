import { Hono } from "hono";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { ExecutionStatus } from "../../contracts/common/status.ts";
import type { Caller } from "../api/caller.ts";
import { authenticate } from "../api/authenticate.ts";
import { approvalListHandler } from "../api/handlers/approval-list.ts";
import { executionApproveHandler } from "../api/handlers/execution-approve.ts";
import { executionGetHandler } from "../api/handlers/execution-get.ts";
import { executionListHandler } from "../api/handlers/execution-list.ts";
import { executionRejectHandler } from "../api/handlers/execution-reject.ts";
import { skillListHandler } from "../api/handlers/skill-list.ts";
import { traceGetHandler } from "../api/handlers/trace-get.ts";
import { ProblemError } from "../api/problem.ts";
import { database } from "../db.ts";
import { boundedBody } from "../http/body-limit.ts";
import { readReach } from "../api/visibility.ts";
import type { Env } from "../env.ts";
import { AlertsPage } from "./alerts-page.tsx";
import { driftAlerts } from "./drift.ts";
import { ApprovalsPage, type QueueItem, orderQueue } from "./approvals-page.tsx";
import { ExecutionPage, type TraceSection } from "./execution-page.tsx";
import { ExecutionsPage } from "./executions-page.tsx";
import { PAGE_HEADERS } from "./layout.tsx";
import { LoginPage } from "./login-page.tsx";
import { MessagePage } from "./message-page.tsx";
import { type OperationScope, runOperation } from "./operation.ts";
import { SESSION_COOKIE, SESSION_TTL_MS, csrfToken, issueSession, readSession } from "./session.ts";
import { sessionCaller } from "./session-caller.ts";
import { skillReports } from "./skill-reports.ts";
import { SkillsPage } from "./skills-page.tsx";
import { ConnectionsPage } from "./connections-page.tsx";
import { connectionListHandler } from "../api/handlers/connection-list.ts";
import { connectionRemoveHandler } from "../api/handlers/connection-remove.ts";
import { configuredInstalls, installUrl } from "../connect/start.ts";

type Vars = { caller: Caller; csrf: string };
type DashboardContext = Context<{ Bindings: Env; Variables: Vars }>;

/** Dashboard forms carry a key, a CSRF token, a step id and at most a reason of a few thousand characters. */
export const DASHBOARD_FORM_LIMIT = 32 * 1024;

const cookieOptions = { path: "/dashboard", secure: true, httpOnly: true, sameSite: "Strict" } as const;

function signingSecret(env: Env): string {
  const secret = env.APPROVAL_SIGNING_KEY;
  if (secret === undefined || secret === "") throw new ProblemError(404, "NOT_FOUND", "No such route.");
  return secret;
}

function scopeOf(c: DashboardContext): OperationScope {
  return { env: c.env, db: database(c.env.DB), caller: c.get("caller"), waitUntil: (p) => c.executionCtx.waitUntil(p) };
}

async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") form[name] = value;
  return form;
}

/**
 * The operator dashboard under /dashboard: server-rendered pages over the API's own handlers.
 * Every POST passes Hono's origin check and, once signed in, carries the session's CSRF token.
 */
export function dashboardRoutes() {
  const app = new Hono<{ Bindings: Env; Variables: Vars }>();
  const originCheck = csrf();
  // Bounded before anything reads a form, the unauthenticated login included.
  app.use("/dashboard/*", boundedBody(DASHBOARD_FORM_LIMIT));
  app.use("/dashboard/*", async (c, next) => {
    try {
      await originCheck(c, next);
    } catch (err) {
      if (!(err instanceof HTTPException && err.status === 403)) throw err;
      return c.html(<MessagePage title="Refused" message="This form was not sent from this dashboard." />, 403);
    }
  });
  app.use("/dashboard/*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  });

  app.get("/dashboard/login", (c) => c.html(<LoginPage />));
  app.post("/dashboard/login", async (c) => {
    const secret = signingSecret(c.env);
    const { key = "" } = await formOf(c);
    let caller: Caller;
    try {
      caller = await authenticate(database(c.env.DB), `Bearer ${key.trim()}`, new Date());
    } catch (err) {
      if (err instanceof ProblemError && err.status === 401) return c.html(<LoginPage error="That API key is not valid." />, 401);
      throw err;
    }
    const session = await issueSession(secret, caller.keyId, Date.now());
    setCookie(c, SESSION_COOKIE, session.raw, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
    return c.redirect("/dashboard/approvals", 303);
  });

  // Everything below needs a session whose key is still valid.
  app.use("/dashboard/*", async (c, next) => {
    const secret = signingSecret(c.env);
    const now = new Date();
    const session = await readSession(secret, getCookie(c, SESSION_COOKIE), now.getTime());
    const caller = session === undefined ? undefined : await sessionCaller(database(c.env.DB), session.keyId, now);
    if (session === undefined || caller === undefined) {
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.redirect("/dashboard/login", 303);
    }
    const token = await csrfToken(secret, session);
    if (c.req.method === "POST") {
      const form = await formOf(c);
      if (form._csrf !== token) return c.html(<MessagePage title="Refused" message="The form's CSRF token is missing or stale; reload the page." />, 403);
    }
    c.set("caller", caller);
    c.set("csrf", token);
    await next();
  });

  app.get("/dashboard", (c) => c.redirect("/dashboard/approvals", 303));
  app.post("/dashboard/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
    return c.redirect("/dashboard/login", 303);
  });

  app.get("/dashboard/approvals", async (c) => {
    const scope = scopeOf(c);
    const { items } = await runOperation(approvalListHandler, { mine: "false" }, scope);
    const tiers = new Map<string, QueueItem["tier"]>();
    await Promise.all(
      [...new Set(items.map((g) => g.executionId))].map(async (executionId) => {
        const view = await runOperation(executionGetHandler, { executionId }, scope).catch(() => undefined);
        for (const step of view?.steps ?? []) tiers.set(`${executionId}/${step.stepId}`, step.verdict?.tier);
      }),
    );
    const queue = orderQueue(items.map((gate) => ({ gate, tier: tiers.get(`${gate.executionId}/${gate.stepId}`) })));
    const notice = c.req.query("notice");
    return c.html(<ApprovalsPage items={queue} csrf={c.get("csrf")} {...(notice === undefined ? {} : { notice })} />);
  });

  app.post("/dashboard/executions/:executionId/approve", async (c) => {
    const { stepId = "" } = await formOf(c);
    return decided(c, "Approved", stepId, () => runOperation(executionApproveHandler, { executionId: c.req.param("executionId"), stepId }, scopeOf(c)));
  });
  app.post("/dashboard/executions/:executionId/reject", async (c) => {
    const { stepId = "", reason = "" } = await formOf(c);
    return decided(c, "Rejected", stepId, () => runOperation(executionRejectHandler, { executionId: c.req.param("executionId"), stepId, reason }, scopeOf(c)));
  });

  app.get("/dashboard/executions", async (c) => {
    const parsed = ExecutionStatus.safeParse(c.req.query("status"));
    const status = parsed.success ? parsed.data : undefined;
    const { items } = await runOperation(executionListHandler, status === undefined ? {} : { status }, scopeOf(c));
    return c.html(<ExecutionsPage items={items} status={status} csrf={c.get("csrf")} />);
  });

  app.get("/dashboard/executions/:executionId", async (c) => {
    const scope = scopeOf(c);
    const execution = await runOperation(executionGetHandler, { executionId: c.req.param("executionId") }, scope);
    let trace: TraceSection | undefined;
    try {
      const got = await runOperation(traceGetHandler, { traceId: execution.traceId, limit: "500" }, scope);
      trace = { events: got.events, chain: got.chain, truncated: got.nextCursor !== null };
    } catch (err) {
      if (!(err instanceof ProblemError && err.code === "TRACE_NOT_FOUND")) throw err;
    }
    return c.html(<ExecutionPage execution={execution} trace={trace} csrf={c.get("csrf")} />);
  });

  app.get("/dashboard/alerts", async (c) => {
    const caller = c.get("caller");
    if (!caller.capabilities.has("control-plane.audit")) throw new ProblemError(403, "FORBIDDEN", "This key lacks the capability control-plane.audit.");
    return c.html(<AlertsPage alerts={await driftAlerts(database(c.env.DB), caller.tenantId, readReach(caller))} csrf={c.get("csrf")} />);
  });

  app.get("/dashboard/skills", async (c) => {
    const scope = scopeOf(c);
    const { items } = await runOperation(skillListHandler, { limit: "100" }, scope);
    const reports = await skillReports(scope.env, scope.db, scope.caller, items.map((s) => s.skillId), new Date());
    return c.html(<SkillsPage items={items} reports={reports} csrf={c.get("csrf")} />);
  });

  app.get("/dashboard/connections", async (c) => {
    const { items } = await runOperation(connectionListHandler, {}, scopeOf(c));
    const notice = c.req.query("notice");
    return c.html(<ConnectionsPage items={items} installs={configuredInstalls(c.env)} csrf={c.get("csrf")} {...(notice === undefined ? {} : { notice })} />);
  });
  app.post("/dashboard/connections/install", async (c) => {
    const { provider = "" } = await formOf(c);
    if (provider !== "slack" && provider !== "github") throw new ProblemError(400, "VALIDATION_FAILED", "provider must be slack or github.");
    const scope = scopeOf(c);
    return c.redirect(await installUrl(c.env, scope.db, scope.caller, provider, new Date()), 303);
  });
  app.post("/dashboard/connections/remove", async (c) => {
    const { provider = "", externalId = "" } = await formOf(c);
    const removed = await runOperation(connectionRemoveHandler, { provider, externalId }, scopeOf(c));
    const notice = `Removed ${removed.provider} ${removed.externalId}: its next steps fail NOT_CONNECTED until installed again.`;
    return c.redirect(`/dashboard/connections?notice=${encodeURIComponent(notice)}`, 303);
  });

  // Refusals and missing things show as a page of the dashboard, with the API's problem code.
  app.onError((err, c) => {
    if (!(err instanceof ProblemError)) throw err;
    return c.html(<MessagePage title="Refused" message={`${err.code}: ${err.message}`} />, err.status);
  });
  return app;
}

interface DecisionOutcome {
  approvals: number;
  quorum: number;
  stepState: string;
}

/** After a form decision: back to the queue with what happened, or the API's refusal shown as a page. */
async function decided(c: DashboardContext, verb: string, stepId: string, run: () => Promise<DecisionOutcome>): Promise<Response> {
  try {
    const outcome = await run();
    const notice = `${verb} ${stepId}: ${outcome.approvals} of ${outcome.quorum} approvals, step ${outcome.stepState}.`;
    return c.redirect(`/dashboard/approvals?notice=${encodeURIComponent(notice)}`, 303);
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    return c.html(<MessagePage title="Not decided" message={`${err.code}: ${err.message}`} csrf={c.get("csrf")} />, err.status);
  }
}
