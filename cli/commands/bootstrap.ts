import type { Command } from "commander";
import { TenantBootstrapOutput } from "../../contracts/commands/tenant-bootstrap.ts";
import { callApi } from "../api/client.ts";
import { baseUrlFrom } from "../api/config.ts";
import { configFilePath, readConfigFile } from "../api/config-file.ts";
import { expectShape } from "../api/expect.ts";
import { describeNetworkError } from "../api/network-error.ts";
import { formatProblem } from "../api/problem.ts";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { printJson } from "../io.ts";
import { fields } from "../format/table.ts";

interface BootstrapOptions {
  tenant: string;
  name?: string;
  url?: string;
  json?: boolean;
}

/** `cplane bootstrap`: a tenant's first admin key, authorized by CPLANE_BOOTSTRAP_TOKEN instead of an API key. */
export function registerBootstrap(root: Command): void {
  root
    .command("bootstrap")
    .description("Create a tenant's first admin key (POST /v1/bootstrap) with CPLANE_BOOTSTRAP_TOKEN")
    .requiredOption("--tenant <id>", "tenant id to create or bootstrap")
    .option("--name <name>", "display name of the tenant")
    .option("--url <url>", "server base URL (overrides CPLANE_URL and the config file)")
    .option("--json", "print the answer as JSON")
    .action((options: BootstrapOptions) => bootstrap(options));
}

async function bootstrap(options: BootstrapOptions): Promise<void> {
  const token = process.env.CPLANE_BOOTSTRAP_TOKEN;
  if (token === undefined || token === "") throw new CliError(EXIT.usage, "set CPLANE_BOOTSTRAP_TOKEN (the server's ADMIN_BOOTSTRAP_TOKEN)");
  const file = await readConfigFile(configFilePath(process.env));
  const url = [options.url, process.env.CPLANE_URL, file?.url].find((value) => value !== undefined && value !== "");
  if (url === undefined) throw new CliError(EXIT.usage, "set CPLANE_URL (the server's base URL) or pass --url");
  const base = baseUrlFrom(url);
  if (!base.ok) throw new CliError(EXIT.usage, base.error);

  const body = { tenantId: options.tenant, ...(options.name === undefined ? {} : { name: options.name }) };
  const answer = await callApi({ baseUrl: base.baseUrl, apiKey: token }, { method: "POST", path: "/v1/bootstrap", body }).catch(
    (error: unknown): never => {
      throw new CliError(EXIT.unreachable, `cannot reach ${base.baseUrl}: ${describeNetworkError(error)}`);
    },
  );
  if (!answer.ok) {
    if (options.json) printJson(answer.body ?? null);
    process.stderr.write(`cplane: bootstrapping tenant ${options.tenant} failed\n${formatProblem(answer.status, answer.body, answer.text)}\n`);
    throw new CliExit(EXIT.failed);
  }
  const out = expectShape(TenantBootstrapOutput, answer.body, "bootstrap");
  if (options.json) return printJson(out);
  process.stdout.write(
    `${fields([
      ["tenant", out.tenantId],
      ["principal", out.principalId],
      ["key id", out.keyId],
      ["key", out.key],
    ])}\n(the key is shown only once: store it now, e.g. export CPLANE_KEY=${out.key})\n`,
  );
}
