import type { Command } from "commander";
import { ExecutionCancelOutput } from "../../contracts/commands/execution-cancel.ts";
import { ExecutionConfirmOutput } from "../../contracts/commands/execution-confirm.ts";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { printJson } from "../io.ts";
import { parseSeconds, waitForExecution } from "./intents.ts";

/** `cplane executions cancel|confirm|watch`, added to the `executions` group (commands/executions.ts). */
export function registerExecutionControl(root: Command): void {
  const executions = root.commands.find((c) => c.name() === "executions") ?? root.command("executions").description("List and inspect executions");

  withApiOptions(
    executions
      .command("cancel")
      .description("Cancel an execution (POST /v1/executions/{id}/cancel); steps already running finish")
      .argument("<executionId>")
      .option("--reason <text>", "recorded in the trace"),
  ).action(async (executionId: string, options: ApiFlags & { reason?: string }) => {
    const session = await connect(options);
    const body = options.reason === undefined ? {} : { reason: options.reason };
    const answer = await session.call({ method: "POST", path: `/v1/executions/${segment(executionId)}/cancel`, body }, `cancelling ${executionId}`);
    const out = expectShape(ExecutionCancelOutput, answer, "executions cancel");
    if (session.json) return printJson(out);
    process.stdout.write(`${out.executionId}: ${out.status}\n`);
  });

  withApiOptions(
    executions
      .command("confirm")
      .description("Confirm a model-drafted plan you requested (POST /v1/executions/{id}/confirm); the digest is the plan `executions get` shows")
      .argument("<executionId>")
      .requiredOption("--plan-digest <digest>", "the digest of the plan you read and confirm"),
  ).action(async (executionId: string, options: ApiFlags & { planDigest: string }) => {
    const session = await connect(options);
    const body = { planDigest: options.planDigest };
    const answer = await session.call({ method: "POST", path: `/v1/executions/${segment(executionId)}/confirm`, body }, `confirming ${executionId}`);
    const out = expectShape(ExecutionConfirmOutput, answer, "executions confirm");
    if (session.json) return printJson(out);
    process.stdout.write(`${out.executionId}: ${out.status}\n`);
  });

  withApiOptions(
    executions
      .command("watch")
      .description("Follow an execution until it ends, printing each status; exit 0 only if it succeeded")
      .argument("<executionId>")
      .option("--timeout <seconds>", "give up after this long", "600")
      .option("--interval <seconds>", "between looks", "2"),
  ).action(async (executionId: string, options: ApiFlags & { timeout: string; interval: string }) => {
    const timeout = parseSeconds(options.timeout, "--timeout");
    const interval = parseSeconds(options.interval, "--interval");
    await waitForExecution(await connect(options), executionId, timeout, interval * 1000);
  });
}
