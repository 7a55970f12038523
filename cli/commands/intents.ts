import type { Command } from "commander";
import { IntentSubmitOutput } from "../../contracts/commands/intent-submit.ts";
import { ExecutionGetOutput } from "../../contracts/queries/execution-get.ts";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, type Session, withApiOptions } from "../api/session.ts";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { executionDetail } from "../format/executions.ts";
import { printJson } from "../io.ts";

const ENDED = new Set(["succeeded", "failed", "cancelled", "rejected"]);

export function parseSeconds(text: string, flag: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(EXIT.usage, `${flag} ${text}: expected a positive number of seconds`);
  return seconds;
}

/**
 * Polls an execution until it ends (or the deadline passes), printing each status change to stderr.
 * Exits 0 when it succeeded, 1 when it ended otherwise or was still running at the deadline.
 */
export async function waitForExecution(session: Session, executionId: string, timeoutSeconds: number, intervalMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = "";
  for (;;) {
    const body = await session.call({ method: "GET", path: `/v1/executions/${segment(executionId)}` }, `reading execution ${executionId}`);
    const execution = expectShape(ExecutionGetOutput, body, "execution");
    if (execution.status !== last) {
      last = execution.status;
      process.stderr.write(`${executionId}: ${execution.status}\n`);
    }
    if (ENDED.has(execution.status) || Date.now() >= deadline) {
      if (session.json) printJson(execution);
      else process.stdout.write(`${executionDetail(execution)}\n`);
      if (!ENDED.has(execution.status)) process.stderr.write(`cplane: still ${execution.status} after ${timeoutSeconds} s\n`);
      if (execution.status !== "succeeded") throw new CliExit(EXIT.failed);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `cplane intents submit`: what runbooks did with `curl -X POST /v1/intents`. */
export function registerIntents(root: Command): void {
  const intents = root.command("intents").description("Submit intents");
  withApiOptions(
    intents
      .command("submit")
      .description("Submit an intent in the command grammar (POST /v1/intents), e.g. `close acme/app#1 then reply done`")
      .argument("<text...>", "the command text")
      .option("--idempotency-key <key>", "a retry with the same key returns the first answer")
      .option("--wait", "wait until the execution ends; exit 0 only if it succeeded")
      .option("--timeout <seconds>", "with --wait: give up after this long", "120"),
  ).action(async (words: string[], options: ApiFlags & { idempotencyKey?: string; wait?: boolean; timeout: string }) => {
    const timeout = parseSeconds(options.timeout, "--timeout");
    const session = await connect(options);
    const body = {
      channel: "cli",
      replyTo: { kind: "none" },
      text: words.join(" "),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    };
    const out = expectShape(IntentSubmitOutput, await session.call({ method: "POST", path: "/v1/intents", body }, "submitting the intent"), "intents submit");
    if (options.wait !== true) {
      if (session.json) return printJson(out);
      process.stdout.write(`intent ${out.intentId}: execution ${out.executionId}, trace ${out.traceId}\n`);
      return;
    }
    process.stderr.write(`intent ${out.intentId}: execution ${out.executionId}, trace ${out.traceId}\n`);
    await waitForExecution(session, out.executionId, timeout);
  });
}
