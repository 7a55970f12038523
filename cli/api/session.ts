import type { Command } from "commander";
import { CliError, CliExit, EXIT } from "../exit.ts";
import { printJson } from "../io.ts";
import { type ApiRequest, callApi } from "./client.ts";
import { type ApiConfig, resolveApiConfig } from "./config.ts";
import { configFilePath, readConfigFile } from "./config-file.ts";
import { describeNetworkError } from "./network-error.ts";
import { formatProblem } from "./problem.ts";

/** Flags every command that talks to the server accepts. */
export interface ApiFlags {
  url?: string;
  key?: string;
  json?: boolean;
}

export function withApiOptions(command: Command): Command {
  return command
    .option("--url <url>", "server base URL (overrides CPLANE_URL and the config file)")
    .option("--key <key>", "API key (overrides CPLANE_KEY and the config file)")
    .option("--json", "print the server's answer as JSON, for scripts");
}

/** A configured connection to the operator API; refusals print the problem document and end the command. */
export class Session {
  readonly config: ApiConfig;
  readonly json: boolean;

  constructor(config: ApiConfig, json: boolean) {
    this.config = config;
    this.json = json;
  }

  /** The answer body of a 2xx; anything else ends the command (exit 1 refusal, exit 3 unreachable). */
  async call(request: ApiRequest, what: string): Promise<unknown> {
    const answer = await this.attempt(request);
    if (answer.ok) return answer.body;
    if (this.json) printJson(answer.body ?? null);
    process.stderr.write(`cplane: ${what} failed\n${formatProblem(answer.status, answer.body, answer.text)}\n`);
    throw new CliExit(EXIT.failed);
  }

  /** Any HTTP answer, for commands that go on after a refusal (bulk forms); network failures still end the command. */
  async attempt(request: ApiRequest): Promise<Awaited<ReturnType<typeof callApi>>> {
    return callApi(this.config, request).catch((error: unknown): never => {
      throw new CliError(EXIT.unreachable, `cannot reach ${this.config.baseUrl}: ${describeNetworkError(error)}`);
    });
  }
}

export async function connect(flags: ApiFlags): Promise<Session> {
  const file = await readConfigFile(configFilePath(process.env));
  const resolved = resolveApiConfig({ flags, env: process.env, file });
  if (!resolved.ok) throw new CliError(EXIT.usage, resolved.error);
  return new Session(resolved.config, flags.json === true);
}
