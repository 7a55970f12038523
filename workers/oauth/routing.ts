import { keyPrefix } from "../api/api-keys.ts";
import { bearerToken } from "../api/authenticate.ts";
import type { Env } from "../env.ts";
import { OAUTH_REGISTER_PATH, OAUTH_RESOURCE_PATH, OAUTH_TOKEN_PATH, OAuthGateway, oauthOrigin } from "./provider.ts";
import { rememberPresented } from "./token-caller.ts";

type AppFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

function isResourcePath(pathname: string): boolean {
  return pathname === OAUTH_RESOURCE_PATH || pathname.startsWith(`${OAUTH_RESOURCE_PATH}/`);
}

/** Paths the library serves itself: discovery metadata, the token endpoint and dynamic client registration. */
function isProviderPath(pathname: string): boolean {
  return pathname.startsWith("/.well-known/oauth-") || pathname === OAUTH_TOKEN_PATH || pathname === OAUTH_REGISTER_PATH;
}

/**
 * Puts the OAuth provider in front of the app where OAuth is spoken, and only there. API keys are recognisable
 * (`cpk_…`), so a request carrying one (or no credential at all) goes to the app's own `/mcp` route as before,
 * which answers 401 problem+json with a challenge naming the protected resource metadata. Any other Bearer
 * token on `/mcp` is the library's to check: an unknown or revoked one gets its 401 `invalid_token`; an accepted
 * one reaches the same route with the token's props. Every other path (the API included) never sees the provider,
 * so an OAuth token is not an API credential there.
 */
export function withOAuth(appFetch: AppFetch): AppFetch {
  const gateway = new OAuthGateway((request, env, ctx) => {
    const token = bearerToken(request.headers.get("authorization") ?? undefined);
    const props: unknown = (ctx as { props?: unknown }).props;
    if (token !== undefined) rememberPresented(ctx, { props, token });
    return appFetch(request, env, ctx);
  }, appFetch);
  return async (request, env, ctx) => {
    const { pathname } = new URL(request.url);
    const token = bearerToken(request.headers.get("authorization") ?? undefined);
    const oauthToken = isResourcePath(pathname) && token !== undefined && keyPrefix(token) === undefined;
    if (!oauthToken && !isProviderPath(pathname)) return appFetch(request, env, ctx);
    return (await gateway.provider(oauthOrigin(request.url))).fetch(request, env, ctx);
  };
}
