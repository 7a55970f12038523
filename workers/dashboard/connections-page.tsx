import type { ConnectionView } from "../../contracts/common/connection.ts";
import type { InstallProvider } from "../connect/start.ts";
import { CsrfField, Layout } from "./layout.tsx";

const installLabel: Record<InstallProvider, string> = { slack: "Install Slack app", github: "Install GitHub App" };

/** The tenant's installs with status, and the actions on them. Never a credential: only whether one is held. */
export function ConnectionsPage({ items, installs, csrf, notice }: { items: ConnectionView[]; installs: InstallProvider[]; csrf: string; notice?: string }) {
  return (
    <Layout title="Connections" csrf={csrf}>
      {notice === undefined ? null : <p class="notice">{notice}</p>}
      <p>
        Each tenant acts in Slack, GitHub and WhatsApp with its own install. WhatsApp numbers are registered with{" "}
        <code>cplane connections whatsapp</code>.
      </p>
      {installs.map((provider) => (
        <form method="post" action="/dashboard/connections/install">
          <CsrfField token={csrf} />
          <input type="hidden" name="provider" value={provider} />
          <button type="submit">{installLabel[provider]}</button>
        </form>
      ))}
      {items.length === 0 ? (
        <p>No connections.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Provider</th>
              <th>Id</th>
              <th>Name</th>
              <th>Status</th>
              <th>Credential</th>
              <th>Updated</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr>
                <td>{c.provider}</td>
                <td>
                  <code>{c.externalId}</code>
                </td>
                <td>{c.details.name ?? c.details.account ?? c.details.number ?? ""}</td>
                <td class={c.status === "active" ? "ok" : "bad"}>{c.status}</td>
                <td>{c.provider === "github" ? "minted per step" : c.hasCredential ? "stored (sealed)" : "none"}</td>
                <td>{c.updatedAt}</td>
                <td>
                  {(c.provider === "slack" || c.provider === "github") && installs.includes(c.provider) ? (
                    <form method="post" action="/dashboard/connections/install">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="provider" value={c.provider} />
                      <button type="submit">Reinstall</button>
                    </form>
                  ) : null}
                  {c.status === "active" ? (
                    <form method="post" action="/dashboard/connections/remove">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="provider" value={c.provider} />
                      <input type="hidden" name="externalId" value={c.externalId} />
                      <button type="submit">Remove</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
