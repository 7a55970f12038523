import type { HttpToolConfig } from "../../runtime/tools/config.ts";
import { classifyIpv4, classifyIpv6, parseIpv4, parseIpv6, type AddressClass } from "./ip-address.ts";
import { finalFailure, type ToolFailure } from "../../runtime/tools/outcome.ts";

// Names that resolve only inside a network (RFC 6761, RFC 8375, cloud-internal DNS such as metadata.google.internal).
const internalSuffixes = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan", ".intranet", ".corp"];

/**
 * Decides whether `http.request` may go to `url`: an http(s) URL whose host is on the allowlist and is not a
 * private, loopback, link-local or metadata address (loopback only when the test-only switch allows it).
 * Names are not resolved here: an allowlisted name is trusted to be public, and the Workers runtime does not
 * route to private networks in production.
 */
export function checkTarget(url: URL, config: HttpToolConfig): ToolFailure | undefined {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return finalFailure("SCHEME_NOT_ALLOWED", `http.request speaks http and https only, not ${url.protocol}`);
  }
  const host = hostOf(url);
  const where = classifyHost(host);
  if (where === "private" || (where === "loopback" && !config.allowLoopback)) {
    return finalFailure("ADDRESS_NOT_ALLOWED", `${host} is a ${where} address`);
  }
  if (!allowlisted(url, host, config.allowedHosts)) {
    return finalFailure("HOST_NOT_ALLOWED", `${host} is not on the http.request allowlist`);
  }
  return undefined;
}

export function classifyHost(host: string): AddressClass {
  if (host.startsWith("[")) {
    const groups = parseIpv6(host.slice(1, -1));
    return groups === undefined ? "private" : classifyIpv6(groups);
  }
  const v4 = parseIpv4(host);
  if (v4 !== undefined) return classifyIpv4(v4);
  // The URL parser turns 0x7f.1, 2130706433 and the like into dotted quads; anything still numeric-looking is odd.
  if (/^[0-9.]+$/.test(host) || /(^|\.)0x[0-9a-f]*$/i.test(host)) return "private";
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (!host.includes(".")) return "private";
  return internalSuffixes.some((suffix) => host.endsWith(suffix)) ? "private" : "public";
}

/** Lower case, without the trailing dot of a fully qualified name (`localhost.` is `localhost`). */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, "");
}

/** An entry without a port allows the scheme's default port only: `api.example.com` is not `api.example.com:8443`. */
function allowlisted(url: URL, host: string, allowedHosts: readonly string[]): boolean {
  const defaultPort = url.protocol === "https:" ? "443" : "80";
  const port = url.port === "" ? defaultPort : url.port;
  return allowedHosts.some((entry) => {
    const { name, entryPort } = splitEntry(entry.toLowerCase().replace(/\.$/, ""));
    if ((entryPort ?? defaultPort) !== port) return false;
    return name.startsWith("*.") ? host.endsWith(name.slice(1)) : host === name;
  });
}

function splitEntry(entry: string): { name: string; entryPort: string | undefined } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  return match === null ? { name: entry, entryPort: undefined } : { name: match[1] ?? entry, entryPort: match[2] };
}
