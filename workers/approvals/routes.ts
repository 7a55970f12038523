import { Hono } from "hono";
import type { PendingGate } from "../../durable-objects/execution.ts";
import { archiveKeyOf } from "../api/handlers/archived-guard.ts";
import { executionStub } from "../api/handlers/execution-stub.ts";
import { executionSummary } from "../api/handlers/execution-summary.ts";
import { TENANT_REACH } from "../api/visibility.ts";
import { ProblemError, problemResponse } from "../api/problem.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { boundedBody } from "../http/body-limit.ts";
import { approverOf } from "./approver.ts";
import { decideStep } from "./decide.ts";
import { approvalPage, messagePage } from "./page.ts";
import { acceptedSecrets, passesWithAny } from "../rotating-secret.ts";
import { type ApprovalClaims, verifyApprovalToken } from "./token.ts";

/** A decision is one field (`decision=approve`); a form or JSON body far larger is no decision. */
export const DECISION_BODY_LIMIT = 4 * 1024;

type Checked = { ok: true; claims: ApprovalClaims } | { ok: false; response: Response };

async function check(env: Env, token: string): Promise<Checked> {
  const secrets = acceptedSecrets(env.APPROVAL_SIGNING_KEY, env.APPROVAL_SIGNING_KEY_PREVIOUS);
  if (secrets.length === 0) return { ok: false, response: problemResponse(404, "NOT_FOUND", "No such route.") };
  const now = Date.now();
  const verified = await passesWithAny(secrets, (secret) => verifyApprovalToken(secret, token, now));
  if (!verified.ok) {
    const detail = verified.code === "TOKEN_EXPIRED" ? "This approval link has expired." : "This approval link is not valid.";
    return { ok: false, response: problemResponse(403, verified.code, detail) };
  }
  return { ok: true, claims: verified.claims };
}

/**
 * Approval links. GET shows the request and changes nothing (link unfurlers and mail scanners open
 * links); POST with `decision=approve|reject` decides, through the same gate as the API.
 */
export function approvalRoutes() {
  const app = new Hono<{ Bindings: Env }>();
  app.use("/approve/*", boundedBody(DECISION_BODY_LIMIT));

  app.get("/approve/:token", async (c) => {
    const checked = await check(c.env, c.req.param("token"));
    if (!checked.ok) return checked.response;
    const { claims } = checked;
    const db = database(c.env.DB);
    const summary = await executionSummary(db, claims.tenantId, claims.executionId, TENANT_REACH);
    const archived = summary ? await archiveKeyOf(db, claims.tenantId, claims.executionId) : null;
    const gates = summary && archived === null ? (JSON.parse(await executionStub(c.env, claims.executionId).pendingApprovalsJson()) as PendingGate[]) : [];
    const gate = gates.find((g) => g.stepId === claims.stepId && g.tenantId === claims.tenantId);
    const headers = {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      // The page only shows data and posts its one form back here: no scripts, no framing.
      "content-security-policy": "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    };
    if (archived !== null) return c.body(messagePage("Execution archived", "This execution is archived and read-only: nothing can be decided on it."), 409, headers);
    if (!gate) return c.body(messagePage("Nothing to decide", "This step is no longer waiting for approval."), 410, headers);
    if (gate.actionDigest !== claims.actionDigest) return c.body(messagePage("Request changed", "The step changed since this link was issued."), 409, headers);
    return c.body(approvalPage(gate, c.req.param("token")), 200, headers);
  });

  app.post("/approve/:token", async (c) => {
    const checked = await check(c.env, c.req.param("token"));
    if (!checked.ok) return checked.response;
    const { claims } = checked;
    const decision = await decisionOf(c.req.raw);
    if (decision === undefined) return problemResponse(400, "VALIDATION_FAILED", "decision must be approve or reject.");
    const db = database(c.env.DB);
    const approver = await approverOf(db, claims.tenantId, claims.principalId);
    if (!approver) return problemResponse(403, "NOT_AN_APPROVER", "The approver of this link is not known.");
    try {
      const decided = await decideStep(c.env, db, {
        tenantId: claims.tenantId,
        executionId: claims.executionId,
        stepId: claims.stepId,
        decision,
        approver,
        via: "link",
        actionDigest: claims.actionDigest,
        tokenId: claims.jti,
      });
      return c.json(decided, 200);
    } catch (error) {
      if (error instanceof ProblemError) return problemResponse(error.status, error.code, error.message);
      throw error;
    }
  });

  return app;
}

async function decisionOf(request: Request): Promise<"approve" | "reject" | undefined> {
  const type = request.headers.get("content-type") ?? "";
  let value: unknown;
  if (type.startsWith("application/json")) {
    const body: unknown = await request.json().catch(() => undefined);
    value = typeof body === "object" && body !== null && "decision" in body ? body.decision : undefined;
  } else {
    const form = await request.formData().catch(() => undefined);
    value = form?.get("decision");
  }
  return value === "approve" || value === "reject" ? value : undefined;
}
