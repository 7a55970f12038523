import { Command, CommanderError } from "commander";
import { registerSkills } from "./commands/skills.ts";
import { CliError, CliExit, EXIT } from "./exit.ts";

/**
 * Command groups, one file each under commands/. A group receives the root and adds its
 * subcommands with `root.command(...)` so it inherits the root's error handling.
 */
const groups: ((root: Command) => void)[] = [registerSkills];

export function buildProgram(): Command {
  const root = new Command("cplane")
    .description("Control Plane operator CLI")
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
