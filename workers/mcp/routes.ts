import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { API_BODY_LIMIT } from "../api/app.ts";
import { authenticate } from "../api/authenticate.ts";
import { ProblemError, problemResponse } from "../api/problem.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { oauthOrigin, resourceMetadataUrl } from "../oauth/provider.ts";
import { oauthCaller, presentedToken } from "../oauth/token-caller.ts";
import { rolesOf } from "../policy/groups.ts";
import { actorOf } from "./agent.ts";
import { mcpServer } from "./server.ts";
import { issueSessionId, sessionIssuedTo } from "./session-id.ts";

export const MCP_PATH = "/mcp";

/**
 * The caller of an OAuth token the provider accepted (workers/oauth/routing.ts), else the same key check as the
 * API. The challenge tells MCP clients that a Bearer token is expected and where OAuth discovery starts.
 */
async function authenticated(db: ReturnType<typeof database>, c: Context<{ Bindings: Env }>) {
  const challenge = `Bearer realm="control-plane", resource_metadata="${resourceMetadataUrl(oauthOrigin(c.req.url))}"`;
  const refuse = (code: string, message: string) => {
    const res = problemResponse(401, code, message);
    res.headers.set("WWW-Authenticate", challenge);
    return { ok: false as const, res };
  };
  const token = presentedToken(executionContextOf(c));
  if (token !== undefined) {
    const caller = await oauthCaller(db, token);
    return caller === undefined ? refuse("UNAUTHENTICATED", "This OAuth token no longer names an agent of its tenant.") : { ok: true as const, caller };
  }
  try {
    return { ok: true as const, caller: await authenticate(db, c.req.header("authorization"), new Date()) };
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 401) throw error;
    return refuse(error.code, error.message);
  }
}

function executionContextOf(c: Context): object | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** A JSON-RPC error as the MCP transport writes its own (clients read these, not problem documents). */
function rpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), { status, headers: { "content-type": "application/json", ...headers } });
}

function isInitialize(body: unknown): boolean {
  return Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
}

/** A browser page of another site must not drive the server with a user's credentials (MCP: validate Origin). */
function foreignOrigin(origin: string | undefined, url: string, publicBaseUrl: string | undefined): boolean {
  if (origin === undefined) return false;
  const allowed = [new URL(url).origin, ...(publicBaseUrl ? [new URL(publicBaseUrl).origin] : [])];
  return !allowed.includes(origin);
}

/**
 * `/mcp`: the Streamable HTTP MCP endpoint, served by the SDK's Web-standard transport with a fresh server
 * per request. Sessions are signed ids bound to the API key (session-id.ts), so any instance can serve any
 * request; there is no server-initiated stream (GET) and no session to delete (DELETE): both answer 405.
 */
export function mcpRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.use(
    MCP_PATH,
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: () => {
        throw new ProblemError(413, "PAYLOAD_TOO_LARGE", `Request bodies are limited to ${API_BODY_LIMIT} bytes.`);
      },
    }),
  );
  app.all(MCP_PATH, async (c) => {
    if (foreignOrigin(c.req.header("origin"), c.req.url, c.env.PUBLIC_BASE_URL)) {
      throw new ProblemError(403, "ORIGIN_NOT_ALLOWED", "Requests from another site's pages are refused.");
    }
    const db = database(c.env.DB);
    const auth = await authenticated(db, c);
    if (!auth.ok) return auth.res;
    const secret = c.env.APPROVAL_SIGNING_KEY;
    if (!secret) throw new ProblemError(503, "MCP_NOT_CONFIGURED", "MCP sessions are signed with APPROVAL_SIGNING_KEY, which is not set.");
    if (c.req.method !== "POST") return rpcError(405, -32000, "Method not allowed: this server has no server-initiated stream and no session to delete.", { allow: "POST" });

    const caller = auth.caller;
    const body: unknown = await c.req.raw.clone().json().catch(() => undefined);
    let session: string | undefined;
    let issued: string | undefined;
    if (body !== undefined && isInitialize(body)) {
      issued = await issueSessionId(secret, caller.keyId);
    } else if (body !== undefined) {
      session = c.req.header("mcp-session-id");
      if (session === undefined) return rpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
      if (!(await sessionIssuedTo(secret, caller.keyId, session))) return rpcError(404, -32001, "Session not found");
    }
    const actor = actorOf(caller);
    const roles = await rolesOf(db, caller.tenantId, caller.principalId);
    const server = mcpServer({ env: c.env, db, caller: { ...caller, actor, roles }, session });
    // With a generator the transport answers initialize with the session header; without one it checks no session (done above).
    const newSession = issued;
    const transport = new WebStandardStreamableHTTPServerTransport({
      ...(newSession === undefined ? {} : { sessionIdGenerator: () => newSession }),
      maxRequestBodySize: API_BODY_LIMIT,
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });
  return app;
}
