import type { Command } from "commander";
import { CliError, EXIT } from "../exit.ts";

/**
 * `cplane completion bash|zsh`: a completion script for the command tree as this version has it.
 * Install: `cplane completion bash > ~/.local/share/bash-completion/completions/cplane`, or for zsh
 * `cplane completion zsh > "${fpath[1]}/_cplane"` (it uses bashcompinit).
 */
export function registerCompletion(root: Command): void {
  root
    .command("completion")
    .description("Print a shell completion script (bash or zsh)")
    .argument("<shell>", "bash or zsh")
    .action((shell: string) => {
      if (shell !== "bash" && shell !== "zsh") throw new CliError(EXIT.usage, `completion ${shell}: expected bash or zsh`);
      process.stdout.write(completionScript(root, shell));
    });
}

/** Every command path (space-separated, "" for the root) with the words that may follow it. */
export function completionTable(root: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const walk = (command: Command, path: string) => {
    const words = [...command.commands.map((c) => c.name()), ...command.options.flatMap((o) => (o.long === undefined ? [] : [o.long])), "--help"];
    table.set(path, words);
    for (const child of command.commands) walk(child, path === "" ? child.name() : `${path} ${child.name()}`);
  };
  walk(root, "");
  return table;
}

export function completionScript(root: Command, shell: "bash" | "zsh"): string {
  const cases = [...completionTable(root)].map(([path, words]) => `    "${path}") opts="${words.join(" ")}" ;;`).join("\n");
  const bash = `_cplane() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    path="\${path:+$path }$word"
  done
  local opts=""
  case "$path" in
${cases}
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _cplane cplane
`;
  return shell === "bash" ? bash : `#compdef cplane\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}
