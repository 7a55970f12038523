/** `?a=1&b=x` from the defined values, or "" when there are none. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** A path segment: ids come from users and must not add segments or queries. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
