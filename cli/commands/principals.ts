import type { Command } from "commander";
import { PrincipalIdentities } from "../../contracts/common/principal-identity.ts";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { identitiesTable } from "../format/principals.ts";
import { printJson } from "../io.ts";

const path = (principalId: string) => `/v1/principals/${segment(principalId)}/identities`;

/**
 * `cplane principals identities …` (`controlPlane.principal.identity.*`): the channel identities one person is
 * known by, so requester exclusion, quorum and groups treat them as one principal.
 */
export function registerPrincipals(root: Command): void {
  const identities = root
    .command("principals")
    .description("Principals of your tenant")
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
}
