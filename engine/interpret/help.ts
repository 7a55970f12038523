import { type Command, commands } from "./commands.ts";

export const HELP_USAGE = "help [command]";

export function helpText(): string {
  const width = Math.max(HELP_USAGE.length, ...commands.map((c) => c.usage.length));
  const lines = [
    `${HELP_USAGE.padEnd(width)}  show this help`,
    ...commands.map((c) => `${c.usage.padEnd(width)}  ${c.summary}`),
  ];
  return [
    "Commands:",
    ...lines.map((l) => `  ${l}`),
    "Chain commands with `then` (one after the other) or `and` (side by side), e.g.",
    "  label acme/api#7 bug then comment acme/api#7 Thanks, triaged",
    "`then` and `and` chain only when a command follows; to keep one in your text, quote the text:",
    '  reply "check it and close acme/api#7 later"',
  ].join("\n");
}

export function commandHelp(command: Command): string {
  return `${command.usage}: ${command.summary}`;
}

/** The command whose verb is closest to `word`, for a "did you mean" hint; longer words may be further off. */
export function nearestCommand(word: string): Command | undefined {
  const tolerance = word.length >= 5 ? 3 : word.length >= 3 ? 2 : 1;
  let best: { command: Command; distance: number } | undefined;
  for (const command of commands) {
    const distance = editDistance(word, command.verb);
    if (distance <= tolerance && (best === undefined || distance < best.distance)) best = { command, distance };
  }
  return best?.command;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
