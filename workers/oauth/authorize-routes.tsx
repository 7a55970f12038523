import type { AuthRequest } from "@cloudflare/workers-oauth-provider";
import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { principals } from "../../schema/index.ts";
import { authenticate } from "../api/authenticate.ts";
import type { Caller } from "../api/caller.ts";
import { ProblemError } from "../api/problem.ts";
import { DASHBOARD_FORM_LIMIT } from "../dashboard/routes.tsx";
import { PAGE_HEADERS } from "../dashboard/layout.tsx";
import { MessagePage } from "../dashboard/message-page.tsx";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { boundedBody } from "../http/body-limit.ts";
import { newId } from "../ingest/ids.ts";
import { consentGrant } from "./consent-grant.ts";
import { ConsentPage } from "./consent-page.tsx";
import { consentToken, consentTokenValid } from "./consent-token.ts";
import { OAUTH_AUTHORIZE_PATH, oauthHelpers, oauthLibrary } from "./provider.ts";
import { grantUserId, type OAuthGrantProps } from "./token-caller.ts";

const ADMIN_CAPABILITY = "control-plane.admin";

type OAuthContext = Context<{ Bindings: Env }>;

function signingSecret(env: Env): string {
  const secret = env.APPROVAL_SIGNING_KEY;
  if (secret === undefined || secret === "") throw new ProblemError(503, "OAUTH_NOT_CONFIGURED", "OAuth approval forms are signed with APPROVAL_SIGNING_KEY, which is not set.");
  return secret;
}

/** The page may send the browser on to the client's redirect URI after the form (browsers apply form-action to that redirect). */
function pageHeaders(c: OAuthContext, redirectUri: string | undefined): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  if (redirectUri !== undefined) {
    c.header("content-security-policy", PAGE_HEADERS["content-security-policy"].replace("form-action 'self'", `form-action 'self' ${new URL(redirectUri).origin}`));
  }
}

/** A validated authorization request, or the answer to give instead (a local error page, or an error redirect to the client). */
async function parsed(c: OAuthContext): Promise<{ ok: true; request: AuthRequest; clientName: string } | { ok: false; res: Response }> {
  const helpers = await oauthHelpers(c.env, c.req.url);
  const { AuthorizationError } = await oauthLibrary();
  try {
    const request = await helpers.parseAuthRequest(c.req.raw);
    const client = await helpers.lookupClient(request.clientId);
    return { ok: true, request, clientName: client?.clientName ?? request.clientId };
  } catch (error) {
    if (!(error instanceof AuthorizationError)) throw error;
    if (error.redirectTo !== undefined) return { ok: false, res: c.redirect(error.redirectTo, 302) };
    pageHeaders(c, undefined);
    return { ok: false, res: await c.html(<MessagePage title="Not a valid authorization request" message={error.description} />, 400) };
  }
}

async function formOf(c: OAuthContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") form[name] = value;
  return form;
}

/** The agent principal the tokens act as: an existing agent of the approver's tenant, or a new one. */
async function agentPrincipal(c: OAuthContext, approver: Caller, form: Record<string, string>, fallbackName: string) {
  const db = database(c.env.DB);
  const principalId = (form.principalId ?? "").trim();
  if (principalId !== "") {
    const row = await db.query.principals.findFirst({ where: and(eq(principals.id, principalId), eq(principals.tenantId, approver.tenantId)) });
    if (row?.type !== "agent") return { ok: false as const, message: `No agent principal ${principalId} in this tenant.` };
    return { ok: true as const, principalId, create: undefined };
  }
  const id = newId("pr");
  const displayName = (form.agentName ?? "").trim().slice(0, 100) || fallbackName.slice(0, 100);
  const create = () =>
    db.insert(principals).values({ id, tenantId: approver.tenantId, type: "agent", displayName, channelIdentity: null, createdAt: new Date().toISOString() });
  return { ok: true as const, principalId: id, create };
}

/**
 * `/oauth/authorize`: the page where a tenant admin approves an MCP client's OAuth login. GET shows the form;
 * POST (bounded body, same-origin only, with the form's signed token) checks the admin's key and the grant,
 * then hands the decision to the library, which issues the code (PKCE-bound) and redirects to the client.
 */
export function oauthRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const originCheck = csrf();
  app.use(OAUTH_AUTHORIZE_PATH, boundedBody(DASHBOARD_FORM_LIMIT));
  app.use(OAUTH_AUTHORIZE_PATH, async (c, next) => {
    try {
      await originCheck(c, next);
    } catch (err) {
      if (!(err instanceof HTTPException && err.status === 403)) throw err;
      pageHeaders(c, undefined);
      return c.html(<MessagePage title="Refused" message="This form was not sent from this server's approval page." />, 403);
    }
  });

  app.get(OAUTH_AUTHORIZE_PATH, async (c) => {
    const auth = await parsed(c);
    if (!auth.ok) return auth.res;
    const url = new URL(c.req.url);
    const token = await consentToken(signingSecret(c.env), url.search, Date.now());
    pageHeaders(c, auth.request.redirectUri);
    return c.html(<ConsentPage clientName={auth.clientName} redirectUri={auth.request.redirectUri} action={`${url.pathname}${url.search}`} csrf={token} />);
  });

  app.post(OAUTH_AUTHORIZE_PATH, async (c) => {
    const auth = await parsed(c);
    if (!auth.ok) return auth.res;
    const { request, clientName } = auth;
    const url = new URL(c.req.url);
    const form = await formOf(c);
    const secret = signingSecret(c.env);
    pageHeaders(c, request.redirectUri);
    if (!(await consentTokenValid(secret, url.search, form._csrf, Date.now()))) {
      return c.html(<MessagePage title="Refused" message="The form's token is missing, stale or for another request; start the login again." />, 403);
    }
    const { authorizationErrorRedirect } = await oauthLibrary();
    if (form.decision !== "approve") return c.redirect(authorizationErrorRedirect(request, "access_denied", "The administrator denied the request."), 302);

    const again = async (error: string, status: 401 | 403 | 422) => {
      const token = await consentToken(secret, url.search, Date.now());
      const { key: _key, _csrf, ...values } = form;
      return c.html(<ConsentPage clientName={clientName} redirectUri={request.redirectUri} action={`${url.pathname}${url.search}`} csrf={token} error={error} values={values} />, status);
    };
    let approver: Caller;
    try {
      approver = await authenticate(database(c.env.DB), `Bearer ${(form.key ?? "").trim()}`, new Date());
    } catch (err) {
      if (err instanceof ProblemError && err.status === 401) return again("That API key is not valid.", 401);
      throw err;
    }
    if (!approver.capabilities.has(ADMIN_CAPABILITY)) return again(`Approving a client needs a key holding ${ADMIN_CAPABILITY}.`, 403);
    const grant = consentGrant(approver, form.tools ?? "", form.constraints ?? "");
    if (!grant.ok) return again(grant.message, 422);
    const principal = await agentPrincipal(c, approver, form, clientName);
    if (!principal.ok) return again(principal.message, 422);
    await principal.create?.();

    const props: OAuthGrantProps = {
      tenantId: approver.tenantId,
      principalId: principal.principalId,
      grants: grant.grants,
      approvedBy: { keyId: approver.keyId, principalId: approver.principalId },
    };
    const { redirectTo } = await (await oauthHelpers(c.env, c.req.url)).completeAuthorization({
      request,
      userId: grantUserId(approver.tenantId, principal.principalId),
      // Stored in clear by the library (it lists grants by it); nothing secret.
      metadata: { ...props, clientName, approvedAt: new Date().toISOString() },
      scope: request.scope,
      props,
    });
    return c.redirect(redirectTo, 302);
  });
  return app;
}
