import type { Command } from "commander";
import { CliError, EXIT } from "../exit.ts";

/** The narrowing flags a key's grants or a channel binding's grant take (contracts/common/grant.ts `GrantNarrowing`). */
export interface NarrowingFlags {
  tools?: string[];
  channels?: string[];
  constraints?: string;
}

export function withNarrowingOptions(command: Command, what: string): Command {
  return command
    .option("--tools <tool...>", `narrow ${what} to these tools (exact keys, prefix.*, prefix/*)`)
    .option("--channels <channel...>", `narrow ${what} to these channel kinds`)
    .option("--constraints <json>", `narrow ${what} with argument constraints (a JSON array, as in the API)`);
}

/**
 * The narrowing object, or undefined when no flag was given. Malformed constraint JSON is reported here;
 * everything else is checked by the server against the contract, which names the offending field.
 */
export function narrowingOf(flags: NarrowingFlags): { tools?: string[]; channels?: string[]; constraints?: unknown } | undefined {
  let constraints: unknown;
  if (flags.constraints !== undefined) {
    try {
      constraints = JSON.parse(flags.constraints);
    } catch {
      throw new CliError(EXIT.usage, "--constraints must be a JSON array of constraints");
    }
  }
  const narrowing = {
    ...(flags.tools === undefined ? {} : { tools: flags.tools }),
    ...(flags.channels === undefined ? {} : { channels: flags.channels }),
    ...(constraints === undefined ? {} : { constraints }),
  };
  return Object.keys(narrowing).length === 0 ? undefined : narrowing;
}
