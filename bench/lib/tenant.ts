import { confirmBinding } from "../../test/support/confirm-binding.ts";

/** The body of a response with the expected status, or an error naming what failed. */
export async function expectJson<T>(res: Response, expected: number, what: string): Promise<T> {
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A bench tenant: its first admin key, and its Slack team confirmed as a binding the way Slack would (`/cp bind <code>`),
 * since API replies go only to a confirmed binding of the tenant.
 */
export async function bootstrapTenant(base: string, tenantId: string, secrets: { bootstrapToken: string; slackSigningSecret: string }, slackTeamId: string): Promise<string> {
  const res = await fetch(new URL("/v1/bootstrap", base), {
    method: "POST",
    headers: { authorization: `Bearer ${secrets.bootstrapToken}`, "content-type": "application/json" },
    body: JSON.stringify({ tenantId }),
  });
  const { key } = await expectJson<{ key: string }>(res, 201, "bootstrap");
  await confirmBinding((path, init) => fetch(new URL(path, base), init), key, { provider: "slack", externalId: slackTeamId }, { SLACK_SIGNING_SECRET: secrets.slackSigningSecret });
  return key;
}
