import type { HttpToolConfig } from "../../../runtime/tools/config.ts";
import { checkTarget } from "../../tools/http-target.ts";

export class EgressRefused extends Error {
  override readonly name = "EgressRefused";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The fetch the MCP client transport uses toward an upstream: every request is checked against the egress
 * rules of `http.request` (allowlist, no private addresses, https only) and redirects are never followed, so
 * the pinned URL is the only place a call (and its credential) can go.
 */
export function egressFetch(config: HttpToolConfig, fetcher: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const refused = url.protocol === "https:" ? checkTarget(url, config) : { code: "SCHEME_NOT_ALLOWED", message: "upstream MCP servers are reached over https only" };
    if (refused !== undefined) throw new EgressRefused(refused.code, refused.message);
    const response = await fetcher(input, { ...init, redirect: "manual" });
    if (response.status >= 300 && response.status < 400) throw new EgressRefused("REDIRECT_REFUSED", `the upstream answered a redirect (${response.status}); redirects are not followed`);
    return response;
  };
}
