import type { ExecutionReplayOutput, LiveReplay } from "../../contracts/commands/execution-replay.ts";
import { table } from "./table.ts";

export type ReplayRow = { executionId: string; ok: true; result: ExecutionReplayOutput } | { executionId: string; ok: false; error: string };

export function replayDetail(result: ExecutionReplayOutput): string {
  const version = result.codeVersion?.changed === true ? `; code changed since the run: ${result.codeVersion.recorded} → ${result.codeVersion.current}` : "";
  const head = `${result.executionId}: ${result.outcome} (${result.eventsCompared} events compared${version})`;
  const live = result.live === undefined ? "" : `\n${liveDetail(result.live)}`;
  if (result.differences.length === 0) return `${head}${live}`;
  const diffs = table(
    ["STAGE", "STEP", "PATH", "RECORDED", "REPLAYED"],
    result.differences.map((d) => [d.stage, d.stepId ?? "-", d.path, JSON.stringify(d.recorded) ?? "undefined", JSON.stringify(d.replayed) ?? "undefined"]),
  );
  return `${head}\n${diffs}${live}`;
}

/** `--live`: whether the model asked again would plan the same, and where not. */
export function liveDetail(live: LiveReplay): string {
  const models = live.model.recorded === live.model.live ? live.model.live : `${live.model.recorded} → ${live.model.live}`;
  const prompt = live.promptMatches ? "same prompt" : "prompt differs from the recorded request";
  const outcome = live.outcome === "unanswered" ? `unanswered (${live.live.code ?? "no answer"})` : live.outcome === "same" ? "same plan" : "model drift";
  const head = `live (${models}, ${prompt}): ${outcome}; nothing was executed`;
  if (live.differences.length === 0) return head;
  const diffs = table(
    ["PATH", "RECORDED", "LIVE"],
    live.differences.map((d) => [d.path, JSON.stringify(d.recorded) ?? "undefined", JSON.stringify(d.live) ?? "undefined"]),
  );
  return `${head}\n${diffs}`;
}

export function replaySummary(rows: readonly ReplayRow[]): string {
  const body = table(
    ["EXECUTION", "OUTCOME", "EVENTS", "DIFFERENCES"],
    rows.map((r) => (r.ok ? [r.executionId, r.result.outcome, String(r.result.eventsCompared), String(r.result.differences.length)] : [r.executionId, "error", "-", r.error])),
    "no executions to replay",
  );
  const consistent = rows.filter((r) => r.ok && r.result.outcome === "consistent").length;
  return `${body}\n${consistent}/${rows.length} consistent`;
}
