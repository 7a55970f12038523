import { Layout } from "../dashboard/layout.tsx";

export interface ConsentPageProps {
  clientName: string;
  redirectUri: string;
  /** The form posts back to the authorization request's own URL (path and query). */
  action: string;
  csrf: string;
  error?: string;
  /** What the admin typed, shown again after a refusal. */
  values?: Record<string, string>;
}

/**
 * The approval page of an MCP client's OAuth login: a tenant admin signs in with an API key and decides which
 * agent principal the client's tokens act as and what they may reach. Nothing is granted unless tools are named.
 */
export function ConsentPage({ clientName, redirectUri, action, csrf, error, values = {} }: ConsentPageProps) {
  return (
    <Layout title="Connect an MCP client">
      {error === undefined ? null : <p class="notice error">{error}</p>}
      <p>
        <strong>{clientName}</strong> asks to call this control plane's governed tools as an agent. After approval it is sent
        back to <code>{redirectUri}</code>. Every call it makes is compiled, checked against the tenant's policy, approved by
        people where policy says so, and traced.
      </p>
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label>
            Admin API key <input type="password" name="key" autocomplete="off" size={60} required />
          </label>
        </p>
        <p>
          <label>
            Act as agent principal <input type="text" name="principalId" value={values.principalId ?? ""} size={40} placeholder="pr_… (empty: a new agent)" />
          </label>
        </p>
        <p>
          <label>
            New agent's name <input type="text" name="agentName" value={values.agentName ?? ""} size={40} placeholder={clientName} />
          </label>
        </p>
        <p>
          <label>
            Tools it may call, one pattern a line (<code>github.issue.comment</code>, <code>github.issue.*</code>); none: it can call nothing
            <br />
            <textarea name="tools" rows={4} cols={60}>{values.tools ?? ""}</textarea>
          </label>
        </p>
        <p>
          <label>
            Argument constraints (optional, JSON: the <code>constraints</code> of a grant of <code>POST /v1/keys</code>)
            <br />
            <textarea name="constraints" rows={4} cols={60}>{values.constraints ?? ""}</textarea>
          </label>
        </p>
        <p>The grant is <code>control-plane.core</code> on channel <code>mcp</code> only, no wider than your own key's.</p>
        <button type="submit" name="decision" value="approve">Approve</button>{" "}
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>
    </Layout>
  );
}
