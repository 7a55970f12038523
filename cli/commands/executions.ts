import { type Command, Option } from "commander";
import { ExecutionStatus } from "../../contracts/common/status.ts";
import { ExecutionGetOutput } from "../../contracts/queries/execution-get.ts";
import { ExecutionListOutput } from "../../contracts/queries/execution-list.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { CliError, EXIT } from "../exit.ts";
import { executionDetail, executionsTable } from "../format/executions.ts";
import { printJson } from "../io.ts";

export const statusOption = () => new Option("--status <status>", "only executions in this status").choices(ExecutionStatus.options);

export function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(EXIT.usage, `--limit ${text}: expected a positive whole number`);
  return limit;
}

/** `cplane executions …`: what ran, what waits, what failed. */
export function registerExecutions(root: Command): void {
  const executions = root.command("executions").description("List and inspect executions");

  withApiOptions(
    executions
      .command("list")
      .description("List executions, newest first (GET /v1/executions)")
      .addOption(statusOption())
      .option("--limit <n>", "at most this many", "20"),
  ).action(async (options: ApiFlags & { status?: string; limit: string }) => {
    const limit = parseLimit(options.limit);
    const session = await connect(options);
    const items = await collectPages(
      session,
      ExecutionListOutput,
      (cursor) => `/v1/executions${queryString({ status: options.status, limit: Math.min(limit, 100), cursor })}`,
      "listing executions",
      limit,
    );
    if (session.json) return printJson({ items });
    process.stdout.write(`${executionsTable(items)}\n`);
  });

  withApiOptions(executions.command("get").description("Show one execution and its steps (GET /v1/executions/{id})").argument("<executionId>")).action(
    async (executionId: string, options: ApiFlags) => {
      const session = await connect(options);
      const body = await session.call({ method: "GET", path: `/v1/executions/${segment(executionId)}` }, `reading execution ${executionId}`);
      const execution = expectShape(ExecutionGetOutput, body, "executions get");
      if (session.json) return printJson(execution);
      process.stdout.write(`${executionDetail(execution)}\n`);
    },
  );
}
