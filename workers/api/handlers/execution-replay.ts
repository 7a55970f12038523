import { executionReplay } from "../../../contracts/commands/execution-replay.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { readReach } from "../visibility.ts";
import { withoutCredentials } from "../../../runtime/redact.ts";
import { ALERT_DIFFERENCES, recordDriftAlert } from "../../drift/record-alert.ts";
import { ensureStartedIndexed } from "./ensure-started.ts";
import { archivedReplayOf, type CheckedReplay, liveReplayOf, replayOf } from "./execution-rpc.ts";
import type { ArchiveRef } from "../../../engine/trace-archive.ts";
import type { Db } from "../../db.ts";
import type { Env } from "../../env.ts";
import { executionStub } from "./execution-stub.ts";
import { refuseArchive } from "../../trace/archived-trace.ts";
import { requireIndexedExecution } from "./execution-summary.ts";

export const executionReplayHandler = implement(executionReplay, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const { tenantId } = caller;
  // One read of the index row: visibility, archive and the chain head it indexed.
  const indexed = await requireIndexedExecution(ctx.db, tenantId, input.executionId, readReach(caller));
  const where = { tenantId, executionId: input.executionId, traceId: indexed.summary.traceId };
  // An archived execution replays from its archive (checked against the index row), in its emptied object.
  const archived = indexed.archive;
  if (archived !== undefined && input.live === true) {
    throw new ProblemError(409, "LIVE_REPLAY_ARCHIVED", "This execution was archived after TRACE_RETENTION_DAYS; it replays from its archive, without `live`.");
  }
  const stub = archived === undefined ? await ensureStartedIndexed(ctx.env, ctx.db, tenantId, indexed) : undefined;
  const checked = archived === undefined ? await replayOf(stub ?? executionStub(ctx.env, input.executionId), indexed.head) : await replayArchived(ctx.env, ctx.db, where, archived);
  const { chain, head, tampered, report, codeVersion } = checked;
  if (!chain.ok) {
    await recordDriftAlert(ctx.db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: chain.brokenAt, reason: chain.reason } });
    throw new ProblemError(409, "TRACE_CHAIN_BROKEN", `The trace breaks at seq ${chain.brokenAt}: ${chain.reason}`);
  }
  // The Durable Object's record is what replay reads; the head D1's index recorded when the links were copied
  // must be one of its links: a chain rewritten or cut short in the object since raises the alert a trace read
  // would, and the replay still answers.
  if (head !== undefined && !head.ok) await recordDriftAlert(ctx.db, { ...where, kind: "trace_chain_broken", detail: { brokenAtSeq: head.brokenAt, reason: head.reason } });
  if (tampered !== undefined && tampered.length > 0) {
    await recordDriftAlert(ctx.db, { ...where, kind: "trace_payload_tampered", detail: { payloads: tampered.map(({ seq }) => ({ seq, status: "tampered" })) } });
    const seqs = tampered.map((t) => t.seq).join(", ");
    throw new ProblemError(409, "TRACE_PAYLOAD_TAMPERED", `Recorded payloads do not match the digests their events recorded (seq ${seqs}); nothing was replayed.`);
  }
  if (report === undefined) throw new Error("a replay with a sound chain came back without a report");
  // Differing values come from recorded events: they are shown (and kept in drift alerts) without credentials.
  const differences = report.differences.map((d) => ({ ...d, recorded: withoutCredentials(d.recorded).value, replayed: withoutCredentials(d.replayed).value }));
  if (report.outcome === "diff") {
    await recordDriftAlert(ctx.db, { ...where, kind: "replay_divergence", detail: { differences: differences.slice(0, ALERT_DIFFERENCES) } });
  }
  const live = input.live === true && stub !== undefined ? await liveReplayOf(stub) : undefined;
  if (live !== undefined && !live.ok) {
    throw live.code === "MODEL_NOT_CONFIGURED"
      ? new ProblemError(409, "MODEL_NOT_CONFIGURED", "No planner model is configured (MODEL_PROVIDER), so there is nothing to ask again.")
      : new ProblemError(409, "NOT_MODEL_DRAFTED", "This execution's plan was not drafted by the planner's model; a replay without `live` covers it.");
  }
  return {
    executionId: input.executionId,
    ...report,
    differences,
    codeVersion: codeVersionReport(codeVersion ?? { recorded: null, current: null }),
    ...(live === undefined ? {} : { live: live.live }),
  };
});

async function replayArchived(env: Env, db: Db, where: { tenantId: string; executionId: string; traceId: string }, ref: ArchiveRef): Promise<CheckedReplay> {
  const checked = await archivedReplayOf(executionStub(env, where.executionId), { tenantId: where.tenantId, executionId: where.executionId, ref });
  return "archive" in checked ? refuseArchive(db, where, ref, checked.archive) : checked;
}

/** Whether the code answering a replay is the code that ran the execution; unknown when either side is. */
export function codeVersionReport(versions: { recorded: string | null; current: string | null }) {
  const changed = versions.recorded === null || versions.current === null ? null : versions.recorded !== versions.current;
  return { ...versions, changed };
}
