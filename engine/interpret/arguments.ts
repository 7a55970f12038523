import { isQuote, readQuoted } from "./quotes.ts";

/** Parsing one argument either gives its value or says, in words for the sender, what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ISSUE = /^([^\s/#]+)\/([^\s/#]+)#(\d{1,15})$/;
const SLACK_MENTION = /^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** Splits off the first whitespace-delimited word. */
export function firstWord(args: string): { word: string; rest: string } {
  const [, word = "", rest = ""] = /^(\S*)\s*([\s\S]*)$/.exec(args) ?? [];
  return { word, rest };
}

export function issueRef(word: string): Parsed<{ owner: string; repo: string; number: number }> {
  const match = ISSUE.exec(word);
  if (!match) return { ok: false, problem: `\`${word || "(nothing)"}\` is not an issue like \`owner/repo#123\`` };
  const [, owner = "", repo = "", number = ""] = match;
  return { ok: true, value: { owner, repo, number: Number(number) } };
}

/** `#general` as typed, or the channel id from Slack's `<#C123|general>` mention syntax. */
export function slackChannel(word: string): Parsed<string> {
  const mention = SLACK_MENTION.exec(word);
  if (mention?.[1]) return { ok: true, value: mention[1] };
  if (word.startsWith("#")) return { ok: true, value: word };
  return { ok: false, problem: `\`${word || "(nothing)"}\` is not a channel like \`#general\`` };
}

export interface Assignment {
  path: string[];
  value: string;
  quoted: boolean;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;

/** `a=1 b="two words" headers.Accept=text/plain` → assignments; a dotted key writes into a nested object. */
export function assignments(text: string): Parsed<Assignment[]> {
  const found: Assignment[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text.charAt(i))) {
      i++;
      continue;
    }
    const eq = text.indexOf("=", i);
    const space = text.slice(i).search(/\s/);
    const wordEnd = space === -1 ? text.length : i + space;
    if (eq === -1 || eq > wordEnd) return { ok: false, problem: `expected \`key=value\`, got \`${text.slice(i, wordEnd)}\`` };
    const key = text.slice(i, eq);
    if (!KEY.test(key)) return { ok: false, problem: `\`${key || "(nothing)"}\` is not a field name` };
    let value: string;
    let quoted = false;
    if (isQuote(text.charAt(eq + 1))) {
      const read = readQuoted(text, eq + 1);
      if (read.end < text.length && !/\s/.test(text.charAt(read.end))) {
        return { ok: false, problem: `put a space after the quoted value of \`${key}\`` };
      }
      ({ value } = read);
      quoted = true;
      i = read.end;
    } else {
      const end = text.slice(eq + 1).search(/\s/);
      i = end === -1 ? text.length : eq + 1 + end;
      value = text.slice(eq + 1, i);
    }
    found.push({ path: key.split("."), value, quoted });
  }
  return { ok: true, value: found };
}
