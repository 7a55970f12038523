import type { z } from "zod";

/**
 * A Slack button press of ours: which decision its action id names (`actions` maps each decision to its id) and the
 * reference its value carries as JSON, checked against `ref`. Anything else is not our button: undefined.
 */
export function readSlackButton<D extends string, R extends z.ZodType<Record<string, unknown>>>(
  actions: Record<D, string>,
  ref: R,
  actionId: string,
  value: string | undefined,
): (z.infer<R> & { decision: D }) | undefined {
  const decision = (Object.keys(actions) as D[]).find((d) => actions[d] === actionId);
  if (decision === undefined || value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = ref.safeParse(json);
  return parsed.success ? { ...parsed.data, decision } : undefined;
}
