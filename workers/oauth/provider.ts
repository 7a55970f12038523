import type { OAuthHelpers, OAuthProvider, OAuthProviderOptions } from "@cloudflare/workers-oauth-provider";
import type { Env } from "../env.ts";

/** The endpoints of the OAuth authorization server (MCP clients find them through the metadata documents). */
export const OAUTH_AUTHORIZE_PATH = "/oauth/authorize";
export const OAUTH_TOKEN_PATH = "/oauth/token";
export const OAUTH_REGISTER_PATH = "/oauth/register";
export const OAUTH_RESOURCE_PATH = "/mcp";

/** Access tokens live an hour; refresh tokens (rotated on use) 30 days; dynamically registered clients 90 days. */
const ACCESS_TOKEN_TTL_S = 60 * 60;

type AppFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/**
 * The origin OAuth speaks for: the one the request came to. Tokens are bound to `<origin>/mcp` (their audience),
 * so a token obtained through one host name of a deployment works on that host name only. The library accepts
 * https origins, and http on loopback hosts only (local runs).
 */
export function oauthOrigin(requestUrl: string): string {
  return new URL(requestUrl).origin;
}

export function resourceMetadataUrl(origin: string): string {
  return `${origin}/.well-known/oauth-protected-resource${OAUTH_RESOURCE_PATH}`;
}

function optionsFor(origin: string, apiFetch: AppFetch, defaultFetch: AppFetch): OAuthProviderOptions<Env> {
  return {
    apiRoute: OAUTH_RESOURCE_PATH,
    apiHandler: { fetch: (request, env, ctx) => apiFetch(request, env, ctx) },
    defaultHandler: { fetch: (request, env, ctx) => defaultFetch(request, env, ctx) },
    authorizeEndpoint: OAUTH_AUTHORIZE_PATH,
    tokenEndpoint: OAUTH_TOKEN_PATH,
    clientRegistrationEndpoint: OAUTH_REGISTER_PATH,
    // Client ID metadata documents would make this Worker fetch URLs clients name; registration (DCR) is enough.
    clientIdMetadataDocumentEnabled: false,
    accessTokenTTL: ACCESS_TOKEN_TTL_S,
    // Scopes say nothing here: what a token may do is the grant the approving admin chose (props), not a scope string.
    scopesSupported: ["mcp"],
    resourceMetadata: {
      resource: `${origin}${OAUTH_RESOURCE_PATH}`,
      authorization_servers: [origin],
      bearer_methods_supported: ["header"],
      resource_name: "Control Plane MCP server",
    },
  };
}

/**
 * The library, loaded on first use: at import it warns (console.warn) that client ID metadata documents are off,
 * and a module-scope warning is refused by the test runner's workerd pool. Loaded inside a request, it is not.
 */
export const oauthLibrary = () => import("@cloudflare/workers-oauth-provider");

/**
 * One provider per deployment origin (the resource URL is part of its configuration). `apiFetch` serves
 * `/mcp` for requests whose OAuth token the provider accepted, with the token's props in `ctx.props`.
 */
export class OAuthGateway {
  readonly #providers = new Map<string, OAuthProvider<Env>>();
  readonly #apiFetch: AppFetch;
  readonly #defaultFetch: AppFetch;

  constructor(apiFetch: AppFetch, defaultFetch: AppFetch) {
    this.#apiFetch = apiFetch;
    this.#defaultFetch = defaultFetch;
  }

  async provider(origin: string): Promise<OAuthProvider<Env>> {
    let provider = this.#providers.get(origin);
    if (provider === undefined) {
      const { OAuthProvider } = await oauthLibrary();
      provider = new OAuthProvider(optionsFor(origin, this.#apiFetch, this.#defaultFetch));
      this.#providers.set(origin, provider);
    }
    return provider;
  }
}

/** The library's helpers (parse and complete an authorization, list and revoke grants) outside its fetch. */
export async function oauthHelpers(env: Env, requestUrl: string): Promise<OAuthHelpers> {
  const { getOAuthApi } = await oauthLibrary();
  const unused: AppFetch = () => new Response(null, { status: 404 });
  return getOAuthApi(optionsFor(oauthOrigin(requestUrl), unused, unused), env);
}
