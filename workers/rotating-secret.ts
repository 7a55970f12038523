/**
 * Secrets that rotate without downtime: during a rotation `<NAME>_PREVIOUS` holds the old value and is accepted
 * next to the new one (docs/runbooks/rotate-secrets.md). An empty value counts as unset; without a current value
 * nothing is accepted (the previous one alone never opens a route).
 */
export function acceptedSecrets(current: string | undefined, previous: string | undefined): string[] {
  if (current === undefined || current === "") return [];
  return previous === undefined || previous === "" || previous === current ? [current] : [current, previous];
}

/** The first check that passes, else the current secret's failure (the one an operator should read). */
export async function passesWithAny<R extends { ok: boolean }>(secrets: readonly string[], check: (secret: string) => Promise<R>): Promise<R> {
  const [current, ...older] = secrets;
  if (current === undefined) throw new Error("passesWithAny: no secret to check with");
  const first = await check(current);
  if (first.ok) return first;
  for (const secret of older) {
    const result = await check(secret);
    if (result.ok) return result;
  }
  return first;
}
