import semver from "semver";
import { mcpServerRegister } from "../../../contracts/commands/mcp-server-register.ts";
import { digestOf } from "../../../engine/hash.ts";
import { checkUpstreamManifest } from "../../../engine/upstream/check-manifest.ts";
import { definitionDrift } from "../../../engine/upstream/definition-digest.ts";
import { upstreamToolContracts } from "../../../engine/upstream/tool-contracts.ts";
import { CredentialsKeyError, keyringFrom } from "../../../runtime/credentials/keyring.ts";
import { sealCredential } from "../../../runtime/credentials/seal.ts";
import { mcpServers } from "../../../schema/index.ts";
import { withUpstream } from "../../mcp/upstream/client.ts";
import { EgressRefused, egressFetch } from "../../mcp/upstream/egress-fetch.ts";
import { credentialContext, mcpServerView, registeredServer } from "../../mcp/upstream/registered.ts";
import { loadTenantTrust } from "../../skills/trust-store.ts";
import { providerConfigFromEnv } from "../../../runtime/tools/config.ts";
import { checkTarget } from "../../tools/http-target.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";

const statusOf = (code: string): 409 | 422 => (mcpServerRegister.errors.find((e) => e.code === code)?.status === 409 ? 409 : 422);

/**
 * Registers (or replaces with a newer manifest) an upstream MCP server: URL on the egress allowlist, manifest
 * signed by a trusted key of its publisher, and the upstream's tools/list matching every pinned definition now.
 * The credential is sealed before it is stored and is sent only to the pinned URL.
 */
export const mcpServerRegisterHandler = implement(mcpServerRegister, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const http = providerConfigFromEnv(ctx.env).http;
  const refused = checkTarget(new URL(input.url), http);
  if (refused !== undefined) throw new ProblemError(422, "UPSTREAM_URL_NOT_ALLOWED", `${refused.message} (${refused.code}).`);

  const trust = await loadTenantTrust(ctx.db, caller.tenantId);
  const checked = await checkUpstreamManifest({ manifest: input.manifest, ...trust, now: ctx.now });
  if (!checked.ok) throw new ProblemError(statusOf(checked.code), checked.code, checked.detail);
  const manifest = checked.manifest;
  try {
    upstreamToolContracts(manifest);
  } catch (error) {
    throw new ProblemError(422, "MANIFEST_INVALID", `a pinned input schema cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
  const existing = await registeredServer(ctx.db, caller.tenantId, manifest.server);
  if (existing !== undefined && !semver.gt(manifest.version, existing.version)) {
    throw new ProblemError(409, "VERSION_NOT_NEWER", `${manifest.server} is registered with version ${existing.version}; a replacement must be newer than it.`);
  }

  const sealed = input.credential === undefined ? null : await seal(ctx.env.CREDENTIALS_KEY, input.credential.token, credentialContext(caller.tenantId, manifest.server));
  const listed = await listUpstream(input.url, input.credential?.token, egressFetch(http));
  const drift = definitionDrift(manifest.tools, listed);
  if (drift.length > 0) {
    throw new ProblemError(409, "TOOL_DEFINITION_CHANGED", `the upstream's tools/list does not match the manifest: ${drift.map((d) => `${d.tool} ${d.change}`).join(", ")}.`);
  }

  const row = {
    tenantId: caller.tenantId,
    name: manifest.server,
    url: input.url,
    manifest: JSON.stringify(manifest),
    manifestDigest: digestOf(manifest),
    version: manifest.version,
    signingKeyId: manifest.signature.keyId,
    sealedCredential: sealed,
    registeredAt: ctx.now.toISOString(),
    registeredBy: caller.principalId,
  };
  const { tenantId: _tenant, name: _name, ...replaced } = row;
  await ctx.db.insert(mcpServers).values(row).onConflictDoUpdate({ target: [mcpServers.tenantId, mcpServers.name], set: replaced });
  return mcpServerView(row);
});

async function seal(credentialsKey: string | undefined, token: string, context: string): Promise<string> {
  try {
    return await sealCredential(await keyringFrom(credentialsKey), token, context);
  } catch (error) {
    if (error instanceof CredentialsKeyError) throw new ProblemError(503, "CREDENTIALS_NOT_CONFIGURED", `Credentials cannot be stored: ${error.message}.`);
    throw error;
  }
}

async function listUpstream(url: string, token: string | undefined, fetcher: typeof fetch) {
  try {
    return await withUpstream({ url, bearerToken: token, fetch: fetcher }, (session) => session.listTools());
  } catch (error) {
    const reason = error instanceof EgressRefused ? error.code : error instanceof Error ? error.message : String(error);
    throw new ProblemError(502, "UPSTREAM_UNREACHABLE", `The upstream's tools/list could not be read: ${reason}`.slice(0, 500));
  }
}
