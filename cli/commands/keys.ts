import type { Command } from "commander";
import { ApiKeyCreateOutput } from "../../contracts/commands/api-key-create.ts";
import { ApiKeyRevokeOutput } from "../../contracts/commands/api-key-revoke.ts";
import { ApiKeyListOutput } from "../../contracts/queries/api-key-list.ts";
import { expectShape } from "../api/expect.ts";
import { queryString, segment } from "../api/query.ts";
import { type NarrowingFlags, narrowingOf, withNarrowingOptions } from "../api/narrowing.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { keysTable } from "../format/keys.ts";
import { fields, orDash } from "../format/table.ts";
import { printJson } from "../io.ts";

interface CreateOptions extends ApiFlags, NarrowingFlags {
  name: string;
  capability: string[];
  principal?: string;
  agent?: boolean;
  expires?: string;
}

/** `cplane keys …`: API keys of the caller's tenant. */
export function registerKeys(root: Command): void {
  const keys = root.command("keys").description("Create, list and revoke API keys");

  withApiOptions(
    withNarrowingOptions(
      keys
        .command("create")
        .description("Issue an API key with some of your key's capabilities (POST /v1/keys)")
        .requiredOption("--name <name>", "what the key is for, e.g. ci-deploy")
        .requiredOption("--capability <capability...>", "capabilities to grant, e.g. control-plane.core")
        .option("--principal <principalId>", "principal the key acts as (default: a new service principal)")
        .option("--agent", "make the new principal an agent (an AI agent, e.g. an MCP client; docs/mcp.md)")
        .option("--expires <timestamp>", "RFC 3339 time when the key stops working"),
      "every capability granted",
    ),
  ).action(async (options: CreateOptions) => {
    const narrowing = narrowingOf(options);
    const session = await connect(options);
    const body = {
      name: options.name,
      capabilities: narrowing === undefined ? options.capability : options.capability.map((capability) => ({ capability, ...narrowing })),
      ...(options.principal === undefined ? {} : { principalId: options.principal }),
      ...(options.agent === true ? { principalType: "agent" } : {}),
      ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
    };
    const out = expectShape(ApiKeyCreateOutput, await session.call({ method: "POST", path: "/v1/keys", body }, "creating the key"), "keys create");
    if (session.json) return printJson(out);
    process.stdout.write(
      `${fields([
        ["key id", out.keyId],
        ["key", out.key],
        ["principal", out.principalId],
        ["capabilities", out.capabilities.join(", ")],
        ["expires", orDash(out.expiresAt)],
      ])}\n(the key is shown only once: store it now)\n`,
    );
  });

  withApiOptions(
    keys
      .command("list")
      .description("List the tenant's API keys (GET /v1/keys); never shows keys, only prefixes")
      .option("--all", "include revoked keys")
      .option("--principal <principalId>", "only keys of this principal"),
  ).action(async (options: ApiFlags & { all?: boolean; principal?: string }) => {
    const session = await connect(options);
    const items: ApiKeyListOutput["items"] = [];
    let cursor: string | undefined;
    do {
      const path = `/v1/keys${queryString({ includeRevoked: options.all === true ? "true" : undefined, principalId: options.principal, limit: 100, cursor })}`;
      const page = expectShape(ApiKeyListOutput, await session.call({ method: "GET", path }, "listing keys"), "keys list");
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (session.json) return printJson({ items });
    process.stdout.write(`${keysTable(items)}\n`);
  });

  withApiOptions(keys.command("revoke").description("Revoke an API key at once (POST /v1/keys/{keyId}/revoke)").argument("<keyId>")).action(
    async (keyId: string, options: ApiFlags) => {
      const session = await connect(options);
      const out = expectShape(
        ApiKeyRevokeOutput,
        await session.call({ method: "POST", path: `/v1/keys/${segment(keyId)}/revoke`, body: {} }, `revoking key ${keyId}`),
        "keys revoke",
      );
      if (session.json) return printJson(out);
      process.stdout.write(`revoked ${out.keyId} (${out.name}) at ${orDash(out.revokedAt)}\n`);
    },
  );
}
