/** `*` matches every key; `prefix.*` and `prefix/*` match keys under the prefix; anything else matches itself. */
export function toolPatternMatches(pattern: string, key: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*") || pattern.endsWith("/*")) return key.startsWith(pattern.slice(0, -1));
  return pattern === key;
}

export function isWildcard(pattern: string): boolean {
  return pattern.endsWith("*");
}
