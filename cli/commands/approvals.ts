import type { Command } from "commander";
import { ApprovalDecideBulkOutput } from "../../contracts/commands/approval-decide-bulk.ts";
import { ExecutionApproveOutput } from "../../contracts/commands/execution-approve.ts";
import type { PendingApproval } from "../../contracts/common/pending-approval.ts";
import { ApprovalListOutput } from "../../contracts/queries/approval-list.ts";
import { expectShape } from "../api/expect.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, type Session, withApiOptions } from "../api/session.ts";
import { needsPendingList, resolveTargets, type Target } from "../approvals/targets.ts";
import { confirm } from "../confirm.ts";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { approvalsTable, decisionsTable } from "../format/approvals.ts";
import { printJson } from "../io.ts";

const BULK_LIMIT = 100;

interface DecideOptions extends ApiFlags {
  allPending?: boolean;
  comment?: string;
  yes?: boolean;
}

/** `cplane approvals …`: what waits for people, and deciding it one by one or in bulk. */
export function registerApprovals(root: Command): void {
  const approvals = root.command("approvals").description("List and decide steps held for approval");

  withApiOptions(
    approvals
      .command("list")
      .description("Steps waiting for approval (GET /v1/approvals); by default only those you may decide")
      .option("--all", "every pending request of the tenant, not only yours"),
  ).action(async (options: ApiFlags & { all?: boolean }) => {
    const session = await connect(options);
    const items = await pendingList(session, options.all !== true);
    if (session.json) return printJson({ items });
    process.stdout.write(`${approvalsTable(items)}\n`);
  });

  for (const decision of ["approve", "reject"] as const) {
    withApiOptions(
      approvals
        .command(decision)
        .description(
          `${decision === "approve" ? "Approve" : "Reject"} held steps: <executionId>:<stepId>, or <executionId> for all its held steps; ` +
            `one target uses POST /v1/executions/{id}/${decision}, several use POST /v1/approvals/decisions`,
        )
        .argument("[targets...]", "<executionId>:<stepId> or <executionId>")
        .option("--all-pending", `${decision} everything waiting for your decision`)
        .option("--comment <text>", "recorded with the decision")
        .option("-y, --yes", "reject several steps without asking first"),
    ).action((targets: string[], options: DecideOptions) => decide(decision, targets, options));
  }
}

async function pendingList(session: Session, mine: boolean): Promise<PendingApproval[]> {
  const body = await session.call({ method: "GET", path: `/v1/approvals${queryString({ mine: mine ? "true" : "false" })}` }, "listing approvals");
  return expectShape(ApprovalListOutput, body, "approvals list").items;
}

async function decide(decision: "approve" | "reject", args: string[], options: DecideOptions): Promise<void> {
  const allPending = options.allPending === true;
  if (args.length === 0 && !allPending) throw new CliError(EXIT.usage, `name what to ${decision} (<executionId>:<stepId> or <executionId>) or pass --all-pending`);
  const session = await connect(options);
  const pending = needsPendingList(args, allPending) ? await pendingList(session, true) : [];
  const resolved = resolveTargets(args, allPending, pending);
  if (!resolved.ok) throw new CliError(EXIT.usage, resolved.error);
  const targets = resolved.targets;
  if (targets.length === 0) {
    if (session.json) return printJson({ results: [] });
    process.stdout.write("nothing waits for your decision\n");
    return;
  }
  const [only] = targets;
  if (targets.length === 1 && only !== undefined && !allPending) return decideOne(session, decision, only, options.comment);

  if (decision === "reject") await confirm(`reject ${targets.length} held step${targets.length === 1 ? "" : "s"}`, options.yes);
  const results: ApprovalDecideBulkOutput["results"] = [];
  for (let start = 0; start < targets.length; start += BULK_LIMIT) {
    const body = { decision, items: targets.slice(start, start + BULK_LIMIT), ...(options.comment === undefined ? {} : { comment: options.comment }) };
    const answer = await session.call({ method: "POST", path: "/v1/approvals/decisions", body }, `${decision} in bulk`);
    results.push(...expectShape(ApprovalDecideBulkOutput, answer, "approvals decisions").results);
  }
  if (session.json) printJson({ results });
  else process.stdout.write(`${decisionsTable(results)}\n`);
  const refused = results.filter((r) => !r.ok).length;
  if (refused > 0) {
    process.stderr.write(`cplane: ${refused} of ${results.length} decisions were refused\n`);
    throw new CliExit(EXIT.failed);
  }
}

async function decideOne(session: Session, decision: "approve" | "reject", target: Target, comment: string | undefined): Promise<void> {
  const body = { stepId: target.stepId, ...(comment === undefined ? {} : { comment }) };
  const answer = await session.call(
    { method: "POST", path: `/v1/executions/${segment(target.executionId)}/${decision}`, body },
    `${decision} ${target.executionId}:${target.stepId}`,
  );
  const out = expectShape(ExecutionApproveOutput, answer, `approvals ${decision}`);
  if (session.json) return printJson(out);
  process.stdout.write(
    `${out.decision} ${out.executionId}:${out.stepId}: ${out.approvals}/${out.quorum} approvals, step ${out.stepState}, execution ${out.executionStatus}\n`,
  );
}
