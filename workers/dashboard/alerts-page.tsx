import type { DriftAlert } from "./drift.ts";
import { Layout } from "./layout.tsx";

const KIND_LABEL: Record<DriftAlert["kind"], string> = {
  policy_change: "policy change",
  skill_rejected: "skill install rejected",
  replay_divergence: "replay divergence",
  trace_chain_broken: "broken trace chain",
  trace_payload_tampered: "tampered trace payload",
  handoff_failed: "intent not started",
  tool_definition_changed: "upstream tool definition changed",
};

export function AlertsPage({ alerts, csrf }: { alerts: DriftAlert[]; csrf: string }) {
  return (
    <Layout title="Drift alerts" csrf={csrf}>
      <p class="notice">
        Shown: policy activations, rejected skill installs, and replay divergences, broken trace chains and tampered payloads, recorded when an
        execution is replayed or its trace read.
      </p>
      {alerts.length === 0 ? (
        <p>No drift recorded.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>At</th>
              <th>Kind</th>
              <th>By</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr class={`alert-${a.kind}`}>
                <td>{a.at}</td>
                <td>{KIND_LABEL[a.kind]}</td>
                <td>{a.by}</td>
                <td>{a.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
