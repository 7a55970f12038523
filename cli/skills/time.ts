/** RFC 3339 UTC to the second: the form manifests carry (milliseconds add nothing but noise). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
