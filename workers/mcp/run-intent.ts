import type { DraftStep } from "../../contracts/plan.ts";
import type { Intent } from "../../contracts/intent.ts";
import { terminalExecutionStatuses, type ExecutionStatus } from "../../contracts/common/status.ts";
import { digestOf } from "../../engine/hash.ts";
import { enforceIntentScope } from "../api/grant-scope.ts";
import { archivedDetail, archiveKeyOf, EXECUTION_ARCHIVED } from "../api/handlers/archived-guard.ts";
import { ensureStarted } from "../api/handlers/ensure-started.ts";
import { requireExecution } from "../api/handlers/execution-summary.ts";
import { ProblemError } from "../api/problem.ts";
import { enforceRateLimit } from "../api/rate-limit.ts";
import { submittedIntent } from "../api/handlers/request-intent.ts";
import { TENANT_REACH } from "../api/visibility.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";
import { acceptDelivery } from "../ingest/accept-delivery.ts";
import type { McpCaller } from "./agent.ts";
import { MCP_CAPABILITY } from "./catalog.ts";

export interface McpRequest {
  /** The MCP session (verified as issued to the caller's key). */
  session: string;
  /** The JSON-RPC id of the tools/call: within a session, one id runs at most once. */
  requestId: string | number;
  /** What the client asked, as it asked it: a repeated id with another call is refused. */
  call: unknown;
}

export type Submitted =
  | { ok: true; executionId: string; traceId: string; repeat: boolean; stub: Awaited<ReturnType<typeof ensureStarted>> }
  | { ok: false; code: "GRANT_SCOPE_EXCEEDED" | "IDEMPOTENCY_KEY_REUSED" | "RATE_LIMITED" | "EXECUTION_ARCHIVED"; message: string };

/**
 * An MCP call becomes an intent on channel `mcp` with a structured draft and takes the path of every
 * API intent (acceptDelivery: recorded with its idempotency key, handed to the ingest queue), then is
 * started at once so the caller can wait for it. The actor is the key's principal; replies go nowhere
 * (the MCP result is the answer).
 */
export async function submitMcpIntent(env: Env, db: Db, caller: McpCaller, request: McpRequest, steps: DraftStep[], now: Date): Promise<Submitted> {
  const intent: Intent = submittedIntent(caller, {
    tenantId: caller.tenantId,
    actor: caller.actor,
    channel: "mcp",
    replyTo: { kind: "none" },
    steps,
    receivedAt: now.toISOString(),
    session: request.session,
  });
  let grantScope;
  try {
    // A call counts against the key's and tenant's intent rate limits, like POST /v1/intents.
    await enforceRateLimit(env, caller);
    grantScope = enforceIntentScope(caller, MCP_CAPABILITY, intent);
  } catch (error) {
    if (error instanceof ProblemError && (error.code === "GRANT_SCOPE_EXCEEDED" || error.code === "RATE_LIMITED")) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  // JSON text of the id keeps `1` and `"1"` apart.
  const deliveryId = `${caller.tenantId}:${request.session}:${JSON.stringify(request.requestId)}`;
  const accepted = await acceptDelivery(
    env,
    { provider: "mcp", deliveryId, payloadHash: digestOf({ call: request.call }), tenantId: caller.tenantId, status: "accepted" },
    [{ itemId: deliveryId, intent, grantScope }],
    now,
  );
  if (accepted.status === "conflict") {
    return { ok: false, code: "IDEMPOTENCY_KEY_REUSED", message: `Request id ${JSON.stringify(request.requestId)} was already used in this session for another call.` };
  }
  const [record] = accepted.records;
  if (record === undefined) throw new Error("an accepted MCP intent has no record");
  // The caller waits for the outcome, so the execution starts now rather than when the queue delivers the handoff (start is idempotent).
  const summary = await requireExecution(db, caller.tenantId, record.executionId, TENANT_REACH);
  // A repeated request whose execution has since been archived: its object is emptied and stays so.
  const archiveKey = await archiveKeyOf(db, caller.tenantId, record.executionId);
  if (archiveKey !== null) return { ok: false, code: EXECUTION_ARCHIVED, message: `${archivedDetail(record.executionId, archiveKey)} It ended ${summary.status}.` };
  const stub = await ensureStarted(env, db, caller.tenantId, summary);
  return { ok: true, executionId: record.executionId, traceId: record.traceId, repeat: accepted.status === "duplicate", stub };
}

/** Where a caller stops waiting: the execution ended, or nothing moves until people decide. */
export function isSettled(status: ExecutionStatus): boolean {
  return status === "waiting_approval" || (terminalExecutionStatuses as readonly string[]).includes(status);
}

export interface WaitOptions {
  /** How long to wait at most. */
  budgetMs: number;
  /** Called after each look at the execution (progress notifications). */
  onPoll?: (status: ExecutionStatus, polls: number) => Promise<void>;
  signal?: AbortSignal;
}

/** Polls the execution's view until it settles or the budget is spent; the last view either way. */
export async function waitForExecution(stub: Extract<Submitted, { ok: true }>["stub"], options: WaitOptions) {
  const started = Date.now();
  let delay = 25;
  for (let polls = 1; ; polls++) {
    const view = await stub.view();
    await options.onPoll?.(view.status, polls);
    const spent = Date.now() - started;
    if (isSettled(view.status) || spent >= options.budgetMs || options.signal?.aborted === true) return view;
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, options.budgetMs - spent)));
    delay = Math.min(delay * 2, 1_000);
  }
}
