import { html } from "hono/html";

/** What the admin's browser shows at the end of an install flow. Names only what the provider shows publicly. */
export function installedPage(what: string, tenantId: string) {
  return html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Connected</title></head>
  <body>
    <h1>Connected</h1>
    <p>${what} is connected to tenant ${tenantId}.</p>
    <p><a href="/dashboard/connections">Connections</a></p>
  </body>
</html>`;
}
