import type { z } from "zod";
import type { SkillListOutput } from "../../contracts/queries/skill-list.ts";
import type { SkillCheckReport } from "../../contracts/skills/report.ts";
import { Layout } from "./layout.tsx";

type SkillRow = z.input<typeof SkillListOutput>["items"][number];

/** Installed skills with their grants and each one's verification report, recomputed now against current trust and revocations. */
export function SkillsPage({ items, reports, csrf }: { items: SkillRow[]; reports: Map<string, SkillCheckReport>; csrf: string }) {
  return (
    <Layout title="Skills" csrf={csrf}>
      {items.length === 0 ? (
        <p>No skills installed.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Skill</th>
              <th>Version</th>
              <th>Status</th>
              <th>Publisher / signing key</th>
              <th>Tools</th>
              <th>Capabilities</th>
              <th>Egress</th>
              <th>Installed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr>
                <td>{s.skill}</td>
                <td>{s.version}</td>
                <td class={s.status === "active" ? "ok" : "bad"}>{s.status}</td>
                <td>
                  {s.publisher}
                  <br />
                  <code>{s.signingKeyId}</code>
                </td>
                <td>{s.tools.join(", ")}</td>
                <td>{s.capabilities.join(", ")}</td>
                <td>{JSON.stringify(s.egress)}</td>
                <td>{s.installedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.map((s) => (
        <VerificationReport title={`${s.skill}@${s.version}`} report={reports.get(s.skillId)} />
      ))}
    </Layout>
  );
}

function VerificationReport({ title, report }: { title: string; report: SkillCheckReport | undefined }) {
  return (
    <section>
      <h2>Verification report: {title}</h2>
      {report === undefined ? (
        <p class="bad">No report: the installed row was not found.</p>
      ) : (
        <>
          <p class={report.ok ? "ok" : "bad"}>
            {report.ok
              ? `Verified now: all ${report.checks.length} checks passed.`
              : `Fails verification now: ${report.firstFailure?.code ?? "a check failed"}${report.firstFailure === undefined ? "" : ` (${report.firstFailure.name}: ${report.firstFailure.detail})`}.`}
          </p>
          <table>
            <thead>
              <tr>
                <th>Check</th>
                <th>Outcome</th>
                <th>Code</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {report.checks.map((check) => (
                <tr>
                  <td>{check.name}</td>
                  <td class={check.outcome === "pass" ? "ok" : "bad"}>{check.outcome}</td>
                  <td>{check.code ?? ""}</td>
                  <td>{check.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
