import type { DemoApi } from "./api.ts";
import { arr, expect, type Json, obj, say, step, str, toolOf } from "./output.ts";

/** Waits for the execution to end and requires it to have succeeded. */
export async function completion(api: DemoApi, key: string, executionId: string): Promise<Json> {
  step("The execution completes");
  const done = await api.until("the execution to end", async () => {
    const execution = await api.ok("GET", `/v1/executions/${executionId}`, key);
    return ["succeeded", "failed", "cancelled"].includes(str(execution.status)) ? execution : undefined;
  });
  for (const s of arr(done.steps).map(obj)) say(`  ${str(s.stepId)}  ${toolOf(s).padEnd(20)} ${str(s.state)}`);
  expect(done.status === "succeeded", `the execution ended ${str(done.status)}`);
  say(`execution ${executionId}: ${str(done.status)}`);
  return done;
}

/** The trace with the server's chain verification; `describe` may add a line under an event. */
export async function verifiedTrace(api: DemoApi, key: string, traceId: string, describe: (event: Json) => string | null = () => null): Promise<Json[]> {
  step("Trace, chain verified by the server (GET /v1/traces/{traceId})");
  const trace = await api.ok("GET", `/v1/traces/${traceId}?includePayloads=true`, key);
  const events = arr(trace.events).map(obj);
  for (const e of events) {
    say(`  #${str(e.seq)} ${str(e.type)}`);
    const detail = describe(e);
    if (detail !== null) say(`      ${detail}`);
  }
  const chain = obj(trace.chain);
  say(`chain: valid=${str(chain.valid)} through seq ${str(chain.checkedThroughSeq)}`);
  expect(chain.valid === true, "the trace chain did not verify");
  return events;
}

export async function consistentReplay(api: DemoApi, key: string, executionId: string, what = "re-run interpretation, compilation, policy and executor on the record"): Promise<void> {
  step(`Replay (POST /v1/executions/{id}/replay): ${what}`);
  const replay = await api.ok("POST", `/v1/executions/${executionId}/replay`, key, {});
  say(`outcome: ${str(replay.outcome)}, ${str(replay.eventsCompared)} events compared, ${arr(replay.differences).length} differences`);
  expect(replay.outcome === "consistent", `replay diverged: ${JSON.stringify(replay.differences)}`);
}
