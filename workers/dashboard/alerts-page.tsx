import type { DriftAlert } from "./drift.ts";
import { Layout } from "./layout.tsx";

export function AlertsPage({ alerts, csrf }: { alerts: DriftAlert[]; csrf: string }) {
  return (
    <Layout title="Drift alerts" csrf={csrf}>
      <p class="notice">
        Shown: policy activations and rejected skill installs. Not built: replay divergence and broken trace chains are detected
        when an execution is replayed or its trace read (its page verifies the chain) but are not recorded, so they are not listed.
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
                <td>{a.kind === "policy_change" ? "policy change" : "skill install rejected"}</td>
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
