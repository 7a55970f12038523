import type { Command } from "commander";
import { PrincipalIdentities } from "../../contracts/common/principal-identity.ts";
import { PrincipalListOutput } from "../../contracts/queries/principal-list.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { identitiesTable } from "../format/principals.ts";
import { table } from "../format/table.ts";
import { printJson } from "../io.ts";
import { parseLimit } from "./executions.ts";

const path = (principalId: string) => `/v1/principals/${segment(principalId)}/identities`;

/**
 * `cplane principals list` and `cplane principals identities …` (`controlPlane.principal.identity.*`): the channel identities one person is
 * known by, so requester exclusion, quorum and groups treat them as one principal.
 */
export function registerPrincipals(root: Command): void {
  const principals = root.command("principals").description("Principals of your tenant");
  const identities = principals
    .command("identities")
    .description("Channel identities (Slack, GitHub, WhatsApp) that belong to one principal");

  const show = async (options: ApiFlags, answer: unknown, what: string) => {
    const out = expectShape(PrincipalIdentities, answer, what);
    if (options.json === true) return printJson(out);
    process.stdout.write(`${identitiesTable(out)}\n`);
  };

  withApiOptions(identities.command("list").description("Every id the principal is known by (GET /v1/principals/{principalId}/identities)").argument("<principalId>")).action(
    async (principalId: string, options: ApiFlags) => {
      const session = await connect(options);
      await show(options, await session.call({ method: "GET", path: path(principalId) }, "listing identities"), "principals identities list");
    },
  );

  withApiOptions(
    identities
      .command("link")
      .description("Link a channel identity to the principal (POST /v1/principals/{principalId}/identities)")
      .argument("<principalId>")
      .argument("<identity>", "slack:<team>:<user>, github:<numeric id> or whatsapp:<+E164>"),
  ).action(async (principalId: string, identity: string, options: ApiFlags) => {
    const session = await connect(options);
    await show(options, await session.call({ method: "POST", path: path(principalId), body: { identity } }, "linking the identity"), "principals identities link");
  });

  withApiOptions(
    identities
      .command("unlink")
      .description("Remove a linked identity (DELETE /v1/principals/{principalId}/identities/{identity})")
      .argument("<principalId>")
      .argument("<identity>"),
  ).action(async (principalId: string, identity: string, options: ApiFlags) => {
    const session = await connect(options);
    await show(options, await session.call({ method: "DELETE", path: `${path(principalId)}/${segment(identity)}` }, "unlinking the identity"), "principals identities unlink");
  });

  withApiOptions(
    principals
      .command("list")
      .description("List principals (GET /v1/principals), e.g. channel users to add to approvers")
      .option("--channel-identity <id>", "only the principal with this channel identity, e.g. slack:T1:U1")
      .option("--limit <n>", "at most this many", "50"),
  ).action(async (options: ApiFlags & { channelIdentity?: string; limit: string }) => {
    const limit = parseLimit(options.limit);
    const session = await connect(options);
    const items = await collectPages(
      session,
      PrincipalListOutput,
      (cursor) => `/v1/principals${queryString({ channelIdentity: options.channelIdentity, limit: Math.min(limit, 100), cursor })}`,
      "listing principals",
      limit,
    );
    if (session.json) return printJson({ items });
    process.stdout.write(`${table(["PRINCIPAL", "TYPE", "NAME", "CHANNEL IDENTITY", "GROUPS"], items.map((p) => [p.principalId, p.type, p.displayName, p.channelIdentity ?? "-", p.groups.join(",") || "-"]))}\n`);
  });
}
