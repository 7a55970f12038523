import { type Command, Option } from "commander";
import { z } from "zod";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type NarrowingFlags, narrowingOf, withNarrowingOptions } from "../api/narrowing.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { BindingLike, bindingsTable } from "../format/channels.ts";
import { printJson } from "../io.ts";

/** Channel bindings (`controlPlane.channelBinding.*`), under the `/v1/` pattern of DESIGN.md. */
const PATH = "/v1/channel-bindings";
const PROVIDERS = ["slack", "github", "meta", "twilio"] as const;

const providerOption = () =>
  new Option("--provider <provider>", "slack (team id), github (owner/repo or installation:<id>), meta (phone number id), twilio (number)")
    .choices(PROVIDERS)
    .makeOptionMandatory();

/** `cplane channels bindings …`: which tenant a Slack team, GitHub repo or phone number belongs to. */
export function registerChannels(root: Command): void {
  const bindings = root.command("channels").description("Channel configuration").command("bindings").description("Bind channel identities to the tenant");

  withApiOptions(
    withNarrowingOptions(
      bindings
        .command("create")
        .description(`Claim a provider identity for your tenant and print the one-time code that confirms it from inside the channel (POST ${PATH})`)
        .addOption(providerOption())
        .requiredOption("--external-id <id>", "the provider's identity: team id, owner/repo, phone number id or number"),
      "what traffic through this binding may run",
    ),
  ).action(async (options: ApiFlags & NarrowingFlags & { provider: string; externalId: string }) => {
    const grant = narrowingOf(options);
    const session = await connect(options);
    const body = { provider: options.provider, externalId: options.externalId, ...(grant === undefined ? {} : { grant }) };
    const answer = await session.call({ method: "POST", path: PATH, body }, "creating the binding");
    const out = expectShape(BindingLike, answer, "channels bindings create");
    if (session.json) return printJson(out);
    const tenant = out.tenantId === undefined ? "" : ` to tenant ${out.tenantId}`;
    if (out.confirmation === null || out.confirmation === undefined) {
      process.stdout.write(`bound ${out.provider} ${out.externalId}${tenant} (${out.status ?? "confirmed"})\n`);
      return;
    }
    // The code is shown once (only its hash is stored); the binding routes nothing until it arrives from the channel.
    process.stdout.write(
      [
        `claimed ${out.provider} ${out.externalId}${tenant}: pending until confirmed from inside the channel`,
        `confirm with:  ${out.confirmation.command}`,
        out.confirmation.how,
        "check with:    cplane channels bindings list",
      ].join("\n") + "\n",
    );
  });

  withApiOptions(bindings.command("list").description(`List the tenant's channel bindings (GET ${PATH})`)).action(async (options: ApiFlags) => {
    const session = await connect(options);
    const out = expectShape(z.looseObject({ items: z.array(BindingLike) }), await session.call({ method: "GET", path: PATH }, "listing bindings"), "channels bindings list");
    if (session.json) return printJson(out);
    process.stdout.write(`${bindingsTable(out.items)}\n`);
  });

  withApiOptions(
    bindings
      .command("delete")
      .description(`Remove a binding (DELETE ${PATH}/{provider}/{externalId})`)
      .addOption(providerOption())
      .requiredOption("--external-id <id>", "the bound identity"),
  ).action(async (options: ApiFlags & { provider: string; externalId: string }) => {
    const session = await connect(options);
    const answer = await session.call({ method: "DELETE", path: `${PATH}/${segment(options.provider)}/${segment(options.externalId)}` }, "deleting the binding");
    if (session.json) return printJson(answer ?? { deleted: true });
    process.stdout.write(`unbound ${options.provider} ${options.externalId}\n`);
  });
}
