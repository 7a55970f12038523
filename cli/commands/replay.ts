import type { Command } from "commander";
import { ExecutionReplayOutput } from "../../contracts/commands/execution-replay.ts";
import { ExecutionListOutput } from "../../contracts/queries/execution-list.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { formatProblem } from "../api/problem.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, type Session, withApiOptions } from "../api/session.ts";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { progressBar } from "../format/progress.ts";
import { type ReplayRow, replayDetail, replaySummary } from "../format/replay.ts";
import { printJson } from "../io.ts";
import { parseLimit, statusOption } from "./executions.ts";

interface ReplayOptions extends ApiFlags {
  all?: boolean;
  live?: boolean;
  status?: string;
  limit: string;
}

const LIVE_HELP = "also re-ask the configured planner model with the recorded prompt and show how its plan would differ (model drift); runs nothing";

/**
 * `cplane replay` and `cplane executions replay`: re-run the deterministic stages on recorded inputs; exit 1 on
 * any diff or refusal (with --live, also unless the model would plan the same).
 */
export function registerReplay(root: Command): void {
  withApiOptions(
    root
      .command("replay")
      .description("Replay one execution (POST /v1/executions/{id}/replay), or many with --all; exit 1 unless all are consistent")
      .argument("[executionId]")
      .option("--all", "replay every execution (newest first), with a progress bar on stderr")
      .option("--live", LIVE_HELP)
      .addOption(statusOption())
      .option("--limit <n>", "with --all: at most this many executions", "1000"),
  ).action((executionId: string | undefined, options: ReplayOptions) => replay(executionId, options));

  const executions = root.commands.find((c) => c.name() === "executions") ?? root.command("executions").description("List and inspect executions");
  withApiOptions(
    executions
      .command("replay")
      .description("Replay one execution (POST /v1/executions/{id}/replay); exit 1 unless consistent")
      .argument("<executionId>")
      .option("--live", LIVE_HELP),
  ).action((executionId: string, options: ApiFlags & { live?: boolean }) => replay(executionId, { ...options, limit: "1" }));
}

async function replay(executionId: string | undefined, options: ReplayOptions): Promise<void> {
  if ((executionId === undefined) === (options.all !== true)) throw new CliError(EXIT.usage, "name one execution id, or pass --all");
  if (options.status !== undefined && options.all !== true) throw new CliError(EXIT.usage, "--status needs --all");
  // Each live replay is a paid model call: one execution at a time.
  if (options.live === true && options.all === true) throw new CliError(EXIT.usage, "--live replays one execution; it cannot be combined with --all");
  const limit = parseLimit(options.limit);
  const session = await connect(options);
  if (executionId !== undefined) {
    const body = options.live === true ? { live: true } : {};
    const answer = await session.call({ method: "POST", path: `/v1/executions/${segment(executionId)}/replay`, body }, `replaying ${executionId}`);
    const result = expectShape(ExecutionReplayOutput, answer, "replay");
    if (session.json) printJson(result);
    else process.stdout.write(`${replayDetail(result)}\n`);
    if (result.outcome !== "consistent" || (result.live !== undefined && result.live.outcome !== "same")) throw new CliExit(EXIT.failed);
    return;
  }
  const executions = await collectPages(
    session,
    ExecutionListOutput,
    (cursor) => `/v1/executions${queryString({ status: options.status, limit: 100, cursor })}`,
    "listing executions",
    limit,
  );
  const rows = await replayAll(session, executions.map((e) => e.executionId));
  if (session.json) printJson({ results: rows });
  else process.stdout.write(`${replaySummary(rows)}\n`);
  if (rows.some((r) => !r.ok || r.result.outcome !== "consistent")) throw new CliExit(EXIT.failed);
}

async function replayAll(session: Session, ids: readonly string[]): Promise<ReplayRow[]> {
  const rows: ReplayRow[] = [];
  // A redrawn line on a terminal; one line per update otherwise, so logs stay readable.
  const draw = (line: string) => process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  draw(progressBar(0, ids.length, "replaying"));
  for (const [index, executionId] of ids.entries()) {
    const answer = await session.attempt({ method: "POST", path: `/v1/executions/${segment(executionId)}/replay`, body: {} });
    if (answer.ok) rows.push({ executionId, ok: true, result: expectShape(ExecutionReplayOutput, answer.body, "replay") });
    else rows.push({ executionId, ok: false, error: formatProblem(answer.status, answer.body, answer.text).split("\n")[0] ?? `HTTP ${answer.status}` });
    draw(progressBar(index + 1, ids.length, executionId));
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  return rows;
}
