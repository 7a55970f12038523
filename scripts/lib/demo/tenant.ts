import { bindDelivery } from "../../../test/support/confirm-binding.ts";
import type { DemoApi } from "./api.ts";
import { arr, expect, obj, say, step, str } from "./output.ts";

export interface DemoTenant {
  adminKey: string;
  adminPrincipal: string;
}

/** Bootstraps `tenant`, claims Slack team `team` for it and confirms the claim with a signed `/cp bind <code>` from the team. */
export async function setUpSlackTenant(api: DemoApi, options: { tenant: string; team: string; bootstrapToken: string; signingSecret: string }): Promise<DemoTenant> {
  const { tenant, team } = options;
  step(`Bootstrap tenant \`${tenant}\` (POST /v1/bootstrap with the operator's bootstrap token)`);
  const boot = await api.ok("POST", "/v1/bootstrap", options.bootstrapToken, { tenantId: tenant });
  const adminKey = str(boot.key);
  say(`admin principal ${str(boot.principalId)}, API key ${adminKey.slice(0, 10)}… (shown once)`);
  const binding = await api.ok("POST", "/v1/channel-bindings", adminKey, { provider: "slack", externalId: team });
  const confirmation = obj(binding.confirmation);
  expect(binding.status === "pending" && typeof confirmation.code === "string", `the new binding is not pending with a code: ${JSON.stringify(binding)}`);
  say(`Slack team ${team} claimed for tenant ${str(binding.tenantId ?? tenant)}: pending; one-time code ${str(confirmation.code)} (only its hash is stored)`);

  step("Confirm the binding from inside the team: a signed Slack slash command `/cp bind <code>`");
  const bind = await bindDelivery({ provider: "slack", externalId: team }, str(confirmation.code), { SLACK_SIGNING_SECRET: options.signingSecret });
  const bound = await fetch(`${api.base}${bind.path}`, bind.init);
  expect(bound.status === 200, `the bind command answered ${bound.status}`);
  const listed = arr((await api.ok("GET", "/v1/channel-bindings?provider=slack", adminKey)).items).map(obj);
  expect(listed.some((b) => b.externalId === team && b.status === "confirmed"), `the binding is not confirmed: ${JSON.stringify(listed)}`);
  say(`Slack team ${team} confirmed for tenant ${tenant}: its traffic now runs as the tenant`);
  return { adminKey, adminPrincipal: str(boot.principalId) };
}

export interface DemoKey {
  key: string;
  keyId: string;
  principalId: string;
}

/** A new principal with an API key (POST /v1/keys) in the `approvers` group. */
export async function addApprover(api: DemoApi, tenant: DemoTenant, name: string): Promise<DemoKey> {
  step("Add a second approver (POST /v1/keys, then POST /v1/groups/approvers/members)");
  const created = await createKey(api, tenant.adminKey, name, ["control-plane.approval", "control-plane.core"]);
  await api.ok("POST", "/v1/groups/approvers/members", tenant.adminKey, { principalId: created.principalId });
  say(`approvers: ${tenant.adminPrincipal} (bootstrap admin), ${created.principalId} (key ${created.keyId})`);
  return created;
}

export async function createKey(api: DemoApi, adminKey: string, name: string, capabilities: string[]): Promise<DemoKey> {
  const created = await api.ok("POST", "/v1/keys", adminKey, { name, capabilities });
  return { key: str(created.key), keyId: str(created.keyId), principalId: str(created.principalId) };
}
