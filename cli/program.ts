import { Command, CommanderError } from "commander";
import { registerApprovals } from "./commands/approvals.ts";
import { registerBootstrap } from "./commands/bootstrap.ts";
import { registerChannels } from "./commands/channels.ts";
import { registerConnections } from "./commands/connections.ts";
import { registerCompletion } from "./commands/completion.ts";
import { registerExecutionControl } from "./commands/execution-control.ts";
import { registerGroups } from "./commands/groups.ts";
import { registerIntents } from "./commands/intents.ts";
import { registerExecutions } from "./commands/executions.ts";
import { registerKeys } from "./commands/keys.ts";
import { registerPolicy } from "./commands/policy.ts";
import { registerPrincipals } from "./commands/principals.ts";
import { registerReplay } from "./commands/replay.ts";
import { registerSkills } from "./commands/skills.ts";
import { registerTrace } from "./commands/trace.ts";
import { registerTrust } from "./commands/trust.ts";
import { CliError, CliExit, EXIT } from "./exit.ts";
import { cliVersion } from "./version.ts";

/**
 * Command groups, one file each under commands/. A group receives the root and adds its
 * subcommands with `root.command(...)` so it inherits the root's error handling.
 */
const groups: ((root: Command) => void)[] = [
  registerBootstrap,
  registerKeys,
  registerExecutions,
  registerApprovals,
  registerTrace,
  registerReplay,
  registerPolicy,
  registerSkills,
  registerChannels,
  registerConnections,
  registerPrincipals,
  registerIntents,
  registerExecutionControl,
  registerGroups,
  registerTrust,
  registerCompletion,
];

export function buildProgram(): Command {
  const root = new Command("cplane")
    .description("Control Plane operator CLI")
    .version(cliVersion(), "-V, --version", "print the cplane version")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .showSuggestionAfterError();
  for (const register of groups) register(root);
  return root;
}

/** Runs the CLI and answers the exit code instead of exiting, so callers decide. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliExit) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`cplane: ${error.message}\n`);
      return error.exitCode;
    }
    // Commander has already printed its message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(`cplane: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
