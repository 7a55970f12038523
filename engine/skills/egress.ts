/**
 * Whether `host` (a URL hostname) is on a manifest's egress allowlist. `*.example.com` matches
 * hosts below example.com at any depth, never example.com itself. A trailing root dot is ignored
 * so `api.example.com.` cannot slip past an exact entry or be refused by one.
 */
export function egressAllows(allowlist: readonly string[], host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "") return false;
  return allowlist.some((entry) =>
    entry.startsWith("*.") ? name.endsWith(entry.slice(1)) && name.length > entry.length - 1 : name === entry,
  );
}
