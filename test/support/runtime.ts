import { createExecutionContext, createMessageBatch, getQueueResult, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../workers/index.ts";
import { call } from "./api.ts";

export interface Submitted {
  intentId: string;
  executionId: string;
  traceId: string;
  status: string;
}

export async function submit(key: string, body: Record<string, unknown>): Promise<Submitted> {
  const res = await call("POST", "/v1/intents", { key, body });
  if (res.status !== 202) throw new Error(`submit failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Submitted;
}

/** Runs the queue consumer on the handoff messages directly, instead of waiting for the local queue's batch timeout. */
export async function deliverHandoff(submitted: Submitted, tenantId: string): Promise<void> {
  const batch = createMessageBatch("control-plane-ingest", [
    { id: `m-${submitted.intentId}`, timestamp: new Date(), attempts: 1, body: { intentId: submitted.intentId, executionId: submitted.executionId, tenantId } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  if (result.explicitAcks.length !== 1) throw new Error(`handoff not acknowledged: ${JSON.stringify(result)}`);
}

export function executionStub(executionId: string) {
  return env.EXECUTIONS.get(env.EXECUTIONS.idFromName(executionId));
}

/** Runs the execution's alarm (tool calls, retries) until none is scheduled or `max` runs. */
export async function runAlarms(executionId: string, max = 10): Promise<number> {
  const stub = executionStub(executionId);
  let ran = 0;
  while (ran < max && (await runDurableObjectAlarm(stub))) ran++;
  return ran;
}
