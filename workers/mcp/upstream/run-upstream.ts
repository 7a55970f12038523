import type { UpstreamManifest } from "../../../contracts/mcp/upstream-manifest.ts";
import { digestOf } from "../../../engine/hash.ts";
import { checkUpstreamManifest } from "../../../engine/upstream/check-manifest.ts";
import { definitionDrift } from "../../../engine/upstream/definition-digest.ts";
import { upstreamToolContracts } from "../../../engine/upstream/tool-contracts.ts";
import { splitUpstreamToolKey } from "../../../engine/upstream/tool-key.ts";
import { database } from "../../db.ts";
import { recordDriftAlert } from "../../drift/record-alert.ts";
import { loadTenantTrust } from "../../skills/trust-store.ts";
import type { HttpToolConfig } from "../../../runtime/tools/config.ts";
import { describeIssues, guardedRunner, type StepRunner } from "../../tools/guarded-runner.ts";
import { finalFailure, succeeded, type ToolOutcome } from "../../../runtime/tools/outcome.ts";
import type { StepContext } from "../../../runtime/tools/step-context.ts";
import { withUpstream } from "./client.ts";
import { upstreamToken } from "./credential.ts";
import { EgressRefused, egressFetch } from "./egress-fetch.ts";
import { registeredServer } from "./registered.ts";

export interface UpstreamRunnerDeps {
  env: { DB: D1Database; CREDENTIALS_KEY?: string | undefined };
  http: HttpToolConfig;
  /** The upstream manifests the execution's plan was compiled against, as recorded at start. */
  manifests: readonly UpstreamManifest[];
  traceId: string;
  fetch?: typeof fetch;
}


/**
 * Runs an upstream MCP tool step (`mcp.<server>.<tool>`). Before every call, from current state: the server
 * must still be registered with the manifest the plan was compiled against, that manifest still trusted (key not
 * revoked or expired, manifest not expired), and the upstream's tools/list must
 * still show the pinned definition of this tool; a changed one is refused (`TOOL_DEFINITION_CHANGED`, a drift
 * alert) and nothing is sent to it.
 */
export function createUpstreamRunner(deps: UpstreamRunnerDeps): StepRunner {
  return guardedRunner(
    (context) => runChecked(deps, context),
    (error) =>
      error instanceof EgressRefused
        ? finalFailure(error.code, error.message)
        : finalFailure("UPSTREAM_UNREACHABLE", `the upstream MCP server failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000)),
  );
}

async function runChecked(deps: UpstreamRunnerDeps, context: StepContext): Promise<ToolOutcome> {
  const { key, version } = context.step.tool;
  const parts = splitUpstreamToolKey(key);
  const manifest = deps.manifests.find((m) => m.server === parts?.server && m.version === version);
  const tool = manifest === undefined ? undefined : upstreamToolContracts(manifest).find((t) => t.key === key);
  const pinned = manifest?.tools.find((t) => t.name === parts?.tool);
  if (parts === undefined || manifest === undefined || tool === undefined || pinned === undefined) {
    return finalFailure("UNKNOWN_TOOL", `no upstream tool ${key}@${version} in this execution's registry`);
  }
  const db = database(deps.env.DB);
  const row = await registeredServer(db, context.tenantId, manifest.server);
  if (row === undefined) return finalFailure("UPSTREAM_NOT_REGISTERED", `the upstream MCP server ${manifest.server} is no longer registered`);
  if (row.manifestDigest !== digestOf(manifest)) {
    return finalFailure("UPSTREAM_MANIFEST_REPLACED", `${manifest.server} is registered with another manifest than the plan used`);
  }
  // Trust is re-checked from current state: a revoked or expired key, or an expired manifest, stops the call.
  const trusted = await checkUpstreamManifest({ manifest, ...(await loadTenantTrust(db, context.tenantId)), now: new Date() });
  if (!trusted.ok) return finalFailure("UPSTREAM_MANIFEST_UNTRUSTED", `${manifest.server}: ${trusted.code}: ${trusted.detail}`);
  const input = tool.input.safeParse(context.input);
  if (!input.success) return finalFailure("INPUT_INVALID", describeIssues(input.error));

  const connection = { url: row.url, bearerToken: await upstreamToken(deps.env.CREDENTIALS_KEY, row), fetch: egressFetch(deps.http, deps.fetch) };
  return withUpstream(connection, async (session) => {
    const drift = definitionDrift([pinned], await session.listTools());
    if (drift.length > 0) {
      await recordDriftAlert(db, {
        tenantId: context.tenantId,
        kind: "tool_definition_changed",
        executionId: context.executionId,
        traceId: deps.traceId,
        detail: { server: manifest.server, url: row.url, manifestDigest: row.manifestDigest, drift },
      });
      return finalFailure("TOOL_DEFINITION_CHANGED", `${key}: the upstream's definition is not the pinned one (${drift.map((d) => d.change).join(", ")}); install a newly signed manifest`);
    }
    const result = await session.callTool(pinned.name, input.data);
    const output = tool.output.safeParse({ content: result.content, ...(result.structuredContent === undefined ? {} : { structuredContent: result.structuredContent }) });
    if (!output.success) return finalFailure("OUTPUT_INVALID", describeIssues(output.error));
    if (result.isError === true) return finalFailure("UPSTREAM_TOOL_ERROR", `${key} answered an error: ${JSON.stringify(result.content).slice(0, 1000)}`);
    return succeeded(output.data);
  });
}
