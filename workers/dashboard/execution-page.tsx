import type { ExecutionDetail } from "../../contracts/common/execution.ts";
import type { ChainVerification, TraceEntry } from "../../contracts/common/trace.ts";
import { StepDag } from "./dag.tsx";
import { Layout } from "./layout.tsx";

export interface TraceSection {
  events: TraceEntry[];
  chain: ChainVerification;
  /** More events exist than the page shows. */
  truncated: boolean;
}

export function ExecutionPage({ execution, trace, csrf }: { execution: ExecutionDetail; trace: TraceSection | undefined; csrf: string }) {
  return (
    <Layout title={`Execution ${execution.executionId}`} csrf={csrf}>
      <p>
        Status <strong id="execution-status">{execution.status}</strong> · requested by {execution.actor.id} via {execution.channel} ·
        created {execution.createdAt}
        {execution.completedAt === null ? "" : ` · completed ${execution.completedAt}`}
      </p>
      {execution.rejectionReasons.length === 0 ? null : (
        <ul class="notice error">
          {execution.rejectionReasons.map((r) => (
            <li>
              <code>{r.code}</code> {r.message}
            </li>
          ))}
        </ul>
      )}
      <h2>Steps</h2>
      {execution.steps.length === 0 ? <p>No plan yet.</p> : <StepDag steps={execution.steps} />}
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th>Tool</th>
            <th>State</th>
            <th>Verdict</th>
            <th>Policy reason</th>
            <th>Approval</th>
          </tr>
        </thead>
        <tbody>
          {execution.steps.map((s) => (
            <tr data-step={s.stepId}>
              <td>{s.key}</td>
              <td>
                <code>{`${s.tool.key}@${s.tool.version}`}</code>
              </td>
              <td class="state">{s.state}</td>
              <td class={s.verdict === null ? "" : `tier-${s.verdict.tier}`}>{s.verdict === null ? "—" : `${s.verdict.verdict} (${s.verdict.tier})`}</td>
              <td>{s.verdict?.reason ?? s.reason?.code ?? "—"}</td>
              <td>{s.approval === null ? "—" : `${s.approval.decision} by ${s.approval.approvers.map((a) => a.id).join(", ") || s.approval.by.id}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Trace</h2>
      {trace === undefined ? <p>No trace events yet.</p> : <Timeline trace={trace} />}
    </Layout>
  );
}

function Timeline({ trace }: { trace: TraceSection }) {
  const { chain } = trace;
  return (
    <>
      <p id="chain-status" class={chain.valid ? "ok" : "bad"}>
        {chain.valid
          ? `Chain verified through seq ${chain.checkedThroughSeq}`
          : `Chain BROKEN at seq ${chain.brokenAtSeq ?? "?"} (checked through ${chain.checkedThroughSeq})`}
      </p>
      <table>
        <thead>
          <tr>
            <th>Seq</th>
            <th>At</th>
            <th>Event</th>
            <th>Actor</th>
            <th>Step</th>
          </tr>
        </thead>
        <tbody>
          {trace.events.map((e) => (
            <tr>
              <td>{e.seq}</td>
              <td>{e.at}</td>
              <td>
                <code>{e.type}</code>
              </td>
              <td>{e.actor.id}</td>
              <td>{e.stepId ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trace.truncated ? <p>Later events are not shown; read the whole trace with <code>cplane trace get</code>.</p> : null}
    </>
  );
}
