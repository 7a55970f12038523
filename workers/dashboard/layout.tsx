import type { Child } from "hono/jsx";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:18px;align-items:center}
header a{color:#cfd6e4;text-decoration:none}header a:hover{color:#fff}
header strong{margin-right:12px}header form{margin-left:auto}
main{padding:20px;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e1e4ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4;font-weight:600}
code{font-size:12px}
.tier-high,.tier-blocked{color:#b42318;font-weight:600}.tier-medium{color:#b54708;font-weight:600}.tier-low{color:#027a48}
.ok{color:#027a48;font-weight:600}.bad{color:#b42318;font-weight:600}
.notice{background:#fff;border-left:4px solid #1d4ed8;padding:8px 12px;margin-bottom:14px}
.error{border-left-color:#b42318}
form.inline{display:inline}
button{cursor:pointer}
svg{background:#fff;border:1px solid #e1e4ea}
`;

/** The dashboard's only assets are this inline stylesheet and the page: no scripts, no framing. */
export const PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
} as const;

export interface LayoutProps {
  title: string;
  /** The session's CSRF token when signed in (shows the navigation and sign-out form). */
  csrf?: string;
  children?: Child;
}

export function Layout({ title, csrf, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} · Control Plane`}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <strong>Control Plane</strong>
          {csrf === undefined ? null : (
            <>
              <a href="/dashboard/approvals">Approvals</a>
              <a href="/dashboard/executions">Executions</a>
              <a href="/dashboard/skills">Skills</a>
              <a href="/dashboard/alerts">Drift alerts</a>
              <a href="/dashboard/connections">Connections</a>
              <form method="post" action="/dashboard/logout">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit">Sign out</button>
              </form>
            </>
          )}
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
