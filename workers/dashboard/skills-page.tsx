import type { z } from "zod";
import type { SkillListOutput } from "../../contracts/queries/skill-list.ts";
import { Layout } from "./layout.tsx";

type SkillRow = z.input<typeof SkillListOutput>["items"][number];

/** Installed skills as the install check recorded them; the signed manifest's grants are its verification report. */
export function SkillsPage({ items, csrf }: { items: SkillRow[]; csrf: string }) {
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
    </Layout>
  );
}
