import type { TraceEvent } from "../../contracts/common/trace.ts";
import { verifyChain } from "../../engine/trace.ts";
import type { SignedDelivery } from "./slack-deliveries.ts";

/** The part of a D1 binding the audit reads (Miniflare's `getD1Database` proxy provides it). */
export interface D1Reader {
  prepare(sql: string): { all<T>(): Promise<{ results: T[] }> };
}

interface IntentRow {
  id: string;
  source_item_id: string;
  execution_id: string | null;
}
interface ExecutionRow {
  id: string;
  intent_id: string;
  status: string;
  trace_id: string;
}
/** A chain as its ExecutionDO holds it (`traceJson`), or why it could not be read. */
export type Chains = ReadonlyMap<string, unknown[] | { error: string }>;

export interface AuditReport {
  accepted: number;
  deliveries: number;
  intents: number;
  executions: number;
  succeeded: number;
  traces: number;
  replies: number;
  problems: string[];
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "rejected"]);

/** How many executions are still to finish; the runner waits on this before auditing. */
export async function unfinished(db: D1Reader): Promise<{ intents: number; open: number }> {
  // One query at a time: concurrent calls through Miniflare's binding proxy can stall.
  const intents = await db.prepare("SELECT count(*) AS n FROM intents WHERE source_provider = 'slack'").all<{ n: number }>();
  const open = await db
    .prepare(`SELECT count(*) AS n FROM intents i LEFT JOIN executions e ON e.id = i.execution_id
      WHERE i.source_provider = 'slack' AND (e.status IS NULL OR e.status NOT IN (${[...TERMINAL].map((s) => `'${s}'`).join(", ")}))`)
    .all<{ n: number }>();
  return { intents: intents.results[0]?.n ?? 0, open: open.results[0]?.n ?? 0 };
}

/** Every execution D1 indexes, for reading their chains from their objects. */
export async function executionIds(db: D1Reader): Promise<string[]> {
  return (await db.prepare("SELECT id FROM executions").all<{ id: string }>()).results.map((r) => r.id);
}

/**
 * Every accepted delivery has exactly one delivery row, one intent, one execution that succeeded, one
 * trace (read from the execution's own object, the record of truth) whose hash chain verifies from
 * intent.received to execution.completed, and one reply; nothing is recorded that was not sent.
 */
export async function audit(
  db: D1Reader,
  chains: Chains,
  sent: readonly SignedDelivery[],
  accepted: ReadonlySet<string>,
  replies: readonly string[],
): Promise<AuditReport> {
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < 20) problems.push(problem);
    else if (problems.length === 20) problems.push("… more problems omitted");
  };
  const deliveries = await db.prepare("SELECT delivery_id FROM webhook_deliveries WHERE provider = 'slack'").all<{ delivery_id: string }>();
  const intents = await db.prepare("SELECT id, source_item_id, execution_id FROM intents WHERE source_provider = 'slack'").all<IntentRow>();
  const executions = await db.prepare("SELECT id, intent_id, status, trace_id FROM executions").all<ExecutionRow>();
  const known = new Set(sent.map((d) => d.eventId));

  const deliveryCount = tally(deliveries.results.map((r) => r.delivery_id));
  const intentsByItem = group(intents.results, (r) => r.source_item_id);
  const executionById = new Map(executions.results.map((e) => [e.id, e]));
  const replyCount = tally(replies);

  for (const id of deliveryCount.keys()) if (!known.has(id)) note(`delivery ${id} recorded but never sent`);
  for (const id of intentsByItem.keys()) if (!known.has(id)) note(`intent for ${id} recorded but never sent`);

  let succeeded = 0;
  let traces = 0;
  for (const delivery of sent) {
    const id = delivery.eventId;
    if (!accepted.has(id)) {
      if (deliveryCount.has(id)) note(`${id} was refused but recorded`);
      continue;
    }
    if (deliveryCount.get(id) !== 1) note(`${id}: ${deliveryCount.get(id) ?? 0} delivery rows`);
    const mine = intentsByItem.get(id) ?? [];
    if (mine.length !== 1) {
      note(`${id}: ${mine.length} intents`);
      continue;
    }
    const execution = executionById.get(mine[0]?.execution_id ?? "");
    if (execution === undefined) {
      note(`${id}: no execution`);
      continue;
    }
    if (execution.status === "succeeded") succeeded++;
    else note(`${id}: execution ${execution.id} is ${execution.status}`);
    const read = chains.get(execution.id);
    if (read === undefined || !Array.isArray(read)) {
      note(`${id}: trace of ${execution.id} unreadable: ${read === undefined ? "not read" : read.error}`);
      continue;
    }
    // Retries and failures come with their payload (why), which is not part of the event the hash covers.
    const withWhy = read as (TraceEvent & { payload?: unknown })[];
    const chain = withWhy.map(({ payload: _why, ...event }) => event as TraceEvent);
    const verdict = verifyChain(chain);
    const types = chain.map((e) => e.type);
    if (!verdict.ok) note(`${id}: trace ${execution.trace_id} broken at ${verdict.brokenAt}: ${verdict.reason}`);
    else if (types[0] !== "controlPlane.intent.received" || types.at(-1) !== "controlPlane.execution.completed") {
      note(`${id}: trace ${execution.trace_id} runs ${types[0] ?? "nothing"} … ${types.at(-1) ?? "nothing"}`);
    } else if (chain.some((e) => e.executionId !== execution.id || e.traceId !== execution.trace_id)) note(`${id}: trace ${execution.trace_id} mixes executions`);
    else traces++;
    if (replyCount.get(delivery.replyText) !== 1) {
      const why = withWhy.flatMap((e) => (e.payload === undefined ? [] : [JSON.stringify(e.payload).slice(0, 200)]));
      note(`${id}: ${replyCount.get(delivery.replyText) ?? 0} replies; trace: ${types.map((t) => t.replace(/^controlPlane\./, "")).join(" → ")} ${why.join(" ")}`);
    }
  }
  if (executions.results.length !== intents.results.length) note(`${executions.results.length} executions for ${intents.results.length} intents`);

  return {
    accepted: accepted.size,
    deliveries: deliveries.results.length,
    intents: intents.results.length,
    executions: executions.results.length,
    succeeded,
    traces,
    replies: replies.length,
    problems,
  };
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
