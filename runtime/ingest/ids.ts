/** Ids minted at the edge (never inside what replay re-runs): a typed prefix and 32 hex. */
export function newId(prefix: "in" | "ex" | "pr" | "tn"): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** One trace per execution, named after it, so either id finds the other. */
export function traceIdOf(executionId: string): string {
  return `tr_${executionId.slice(3)}`;
}

/** The execution a `tr_` trace belongs to; undefined for other traces (a skill registry trace). */
export function executionIdOfTrace(traceId: string): string | undefined {
  return traceId.startsWith("tr_") ? `ex_${traceId.slice(3)}` : undefined;
}

/** An intent's id and its execution's, assigned together (by a DeliveryRecorderDO at record time, or at the D1 write). */
export interface AssignedIds {
  intentId: string;
  executionId: string;
}

export function newIntentIds(): AssignedIds {
  return { intentId: newId("in"), executionId: newId("ex") };
}
