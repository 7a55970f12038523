/** `mcp.<server>.<tool>`: the key an upstream tool has in the tenant's registry. */
export function upstreamToolKey(server: string, tool: string): string {
  return `mcp.${server}.${tool}`;
}

/** The inverse of `upstreamToolKey`; undefined for every other key (server names hold no `.`, tool names neither). */
export function splitUpstreamToolKey(key: string): { server: string; tool: string } | undefined {
  const match = /^mcp\.([a-z][a-z0-9-]*)\.([A-Za-z0-9_-]+)$/.exec(key);
  return match === null ? undefined : { server: match[1] ?? "", tool: match[2] ?? "" };
}
