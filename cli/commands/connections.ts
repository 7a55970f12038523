import { type Command, Option } from "commander";
import { z } from "zod";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { CliError, EXIT } from "../exit.ts";
import { ConnectionLike, connectionsTable } from "../format/connections.ts";
import { printJson } from "../io.ts";

/** The tenant's installs (`controlPlane.connection.*`) and the links that start install flows. */
const PATH = "/v1/connections";

export function registerConnections(root: Command): void {
  const connections = root.command("connections").description("The tenant's Slack, GitHub App and WhatsApp installs");

  withApiOptions(connections.command("list").description(`List installs with their status (GET ${PATH})`)).action(async (options: ApiFlags) => {
    const session = await connect(options);
    const out = expectShape(z.looseObject({ items: z.array(ConnectionLike) }), await session.call({ method: "GET", path: PATH }, "listing connections"), "connections list");
    if (session.json) return printJson(out);
    process.stdout.write(`${connectionsTable(out.items)}\n`);
  });

  withApiOptions(
    connections
      .command("remove")
      .description(`Remove an install: its credential is deleted and its channel unbound (DELETE ${PATH}/{provider}/{externalId})`)
      .addOption(new Option("--provider <provider>", "slack (team id), github (installation id), meta (phone number id), twilio (number)").choices(["slack", "github", "meta", "twilio"]).makeOptionMandatory())
      .requiredOption("--external-id <id>", "the install's id, as `connections list` shows it"),
  ).action(async (options: ApiFlags & { provider: string; externalId: string }) => {
    const session = await connect(options);
    const answer = await session.call({ method: "DELETE", path: `${PATH}/${segment(options.provider)}/${segment(options.externalId)}` }, "removing the connection");
    if (session.json) return printJson(answer);
    process.stdout.write(`removed ${options.provider} ${options.externalId}: its next steps fail NOT_CONNECTED until installed again\n`);
  });

  withApiOptions(
    connections
      .command("install")
      .description("Print the link that installs the Slack app or GitHub App for your tenant (GET /connect/slack or /connect/github); open it within 10 minutes")
      .addOption(new Option("--provider <provider>", "slack or github").choices(["slack", "github"]).makeOptionMandatory()),
  ).action(async (options: ApiFlags & { provider: string }) => {
    const session = await connect(options);
    const url = `${session.config.baseUrl.replace(/\/+$/, "")}/connect/${options.provider}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${session.config.apiKey}` }, redirect: "manual" }).catch((error: unknown) => {
      throw new CliError(EXIT.unreachable, `cannot reach ${session.config.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const location = response.headers.get("location");
    if (response.status !== 302 || location === null) throw new CliError(EXIT.failed, `starting the ${options.provider} install failed: ${response.status} ${await response.text()}`);
    if (session.json) return printJson({ provider: options.provider, url: location });
    process.stdout.write(`${location}\n`);
  });

  withApiOptions(
    connections
      .command("whatsapp")
      .description(`Register a WhatsApp number with its own credential, checked against the provider first (POST ${PATH}/whatsapp)`)
      .addOption(new Option("--provider <provider>", "meta or twilio").choices(["meta", "twilio"]).makeOptionMandatory())
      .option("--phone-number-id <id>", "meta: the phone number id")
      .option("--account-sid <sid>", "twilio: the account SID")
      .option("--from <number>", "twilio: the sending number, E.164")
      .option("--secret-env <name>", "environment variable holding the access token (meta) or auth token (twilio)", "CPLANE_PROVIDER_SECRET"),
  ).action(async (options: ApiFlags & { provider: "meta" | "twilio"; phoneNumberId?: string; accountSid?: string; from?: string; secretEnv: string }) => {
    // Read from the environment, never from argv: command lines end up in shell history and process lists.
    const secret = process.env[options.secretEnv];
    if (secret === undefined || secret === "") throw new CliError(EXIT.usage, `set ${options.secretEnv} to the provider credential`);
    const body =
      options.provider === "meta"
        ? { provider: "meta", phoneNumberId: options.phoneNumberId, accessToken: secret }
        : { provider: "twilio", accountSid: options.accountSid, authToken: secret, from: options.from };
    const session = await connect(options);
    const out = expectShape(ConnectionLike, await session.call({ method: "POST", path: `${PATH}/whatsapp`, body }, "registering the number"), "connections whatsapp");
    if (session.json) return printJson(out);
    process.stdout.write(`connected ${out.provider} ${out.externalId} (${out.status})\n`);
  });
}
