import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { CliError, EXIT } from "../exit.ts";

const ConfigFile = z.looseObject({ url: z.string().optional(), key: z.string().optional() });
export type ConfigFile = z.infer<typeof ConfigFile>;

/** `$CPLANE_CONFIG`, else `$XDG_CONFIG_HOME/cplane/config.json`, else `~/.config/cplane/config.json`. */
export function configFilePath(env: Record<string, string | undefined>): string {
  if (env.CPLANE_CONFIG !== undefined && env.CPLANE_CONFIG !== "") return env.CPLANE_CONFIG;
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "cplane", "config.json");
}

/** The config file, or undefined when there is none; a file that exists but is not valid is a usage error. */
export async function readConfigFile(path: string): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new CliError(EXIT.usage, `cannot read config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(EXIT.usage, `config file ${path} is not JSON`);
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) throw new CliError(EXIT.usage, `config file ${path} must be {"url": "...", "key": "..."}`);
  return parsed.data;
}
