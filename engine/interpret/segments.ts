import { isQuote, readQuoted } from "./quotes.ts";

export type Join = "then" | "and";

export interface Segment {
  /** How this segment joins the one before; the first has none. */
  join: Join | undefined;
  verb: string;
  /** The text after the verb, as typed (trimmed). */
  args: string;
}

const SEPARATOR = /\s+(then|and)\s+([A-Za-z]+)(?=\s|$)/iy;

/**
 * Splits chained commands. The rule for `then`/`and` inside free text: a separator counts only when it
 * stands outside double quotes and the next word is a chainable command verb. So `reply salt and pepper`
 * is one reply, `reply done and close acme/api#3` is a reply and a close, and `reply "done and close
 * acme/api#3"` is one reply. Verbs and separators are case-insensitive.
 */
export function splitSegments(text: string, chainable: ReadonlySet<string>): Segment[] {
  const pieces: { join: Join | undefined; text: string }[] = [];
  let join: Join | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (isQuote(char)) {
      i = readQuoted(text, i).end - 1;
      continue;
    }
    SEPARATOR.lastIndex = i;
    const match = SEPARATOR.exec(text);
    const separator = match?.[1]?.toLowerCase();
    const verb = match?.[2]?.toLowerCase();
    if (!match || verb === undefined || !chainable.has(verb) || (separator !== "then" && separator !== "and")) continue;
    pieces.push({ join, text: text.slice(from, i) });
    join = separator;
    from = i + match[0].length - verb.length;
    i = from - 1;
  }
  pieces.push({ join, text: text.slice(from) });
  return pieces.map(({ join: j, text: piece }) => {
    const [, verb = "", args = ""] = /^\s*(\S*)\s*([\s\S]*?)\s*$/.exec(piece) ?? [];
    return { join: j, verb: verb.toLowerCase(), args };
  });
}
