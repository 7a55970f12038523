import { createInterface } from "node:readline/promises";
import { CliError, EXIT } from "./exit.ts";

/**
 * Asks before an action that is hard to take back. `--yes` skips the question; without a terminal to ask on
 * (scripts, CI) the action is refused unless `--yes` was given, so nothing irreversible happens unasked.
 */
export async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes === true) return;
  if (process.stdin.isTTY !== true) throw new CliError(EXIT.usage, `${question}: pass --yes to confirm without a prompt`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError(EXIT.failed, "not confirmed; nothing was changed");
  } finally {
    rl.close();
  }
}
