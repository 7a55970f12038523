import type { ToolRegistry } from "../../contracts/tools/index.ts";
import { type Parsed, assignments, firstWord, issueRef, slackChannel } from "./arguments.ts";
import { freeText, splitOutsideQuotes } from "./quotes.ts";
import { runInput } from "./run-input.ts";

export interface StepSpec {
  tool: string;
  input: Record<string, unknown>;
}

export interface Command {
  verb: string;
  usage: string;
  summary: string;
  parse(args: string, registry: ToolRegistry): Parsed<StepSpec>;
}

const step = (tool: string, input: Record<string, unknown>): Parsed<StepSpec> => ({ ok: true, value: { tool, input } });
const problem = (text: string): Parsed<StepSpec> => ({ ok: false, problem: text });

function required(text: string, what: string): Parsed<string> {
  const value = freeText(text);
  return value === "" ? { ok: false, problem: `${what} is missing` } : { ok: true, value };
}

function withIssue(args: string, then: (issue: { owner: string; repo: string; number: number }, rest: string) => Parsed<StepSpec>) {
  const { word, rest } = firstWord(args);
  const issue = issueRef(word);
  return issue.ok ? then(issue.value, rest) : problem(issue.problem);
}

/** The chainable commands, in the order help lists them. `help` itself is handled by the interpreter. */
export const commands: readonly Command[] = [
  {
    verb: "reply",
    usage: "reply <text>",
    summary: "answer in this thread",
    parse(args) {
      const text = required(args, "the reply text");
      return text.ok ? step("channel.reply", { text: text.value }) : text;
    },
  },
  {
    verb: "comment",
    usage: "comment <owner>/<repo>#<n> <text>",
    summary: "comment on a GitHub issue or pull request",
    parse: (args) =>
      withIssue(args, (issue, rest) => {
        const body = required(rest, "the comment text");
        return body.ok ? step("github.issue.comment", { ...issue, body: body.value }) : body;
      }),
  },
  {
    verb: "label",
    usage: "label <owner>/<repo>#<n> <label>[,<label>…]",
    summary: "add labels to a GitHub issue",
    parse: (args) =>
      withIssue(args, (issue, rest) => {
        const labels = [...new Set(splitOutsideQuotes(rest, ",").filter((l) => l !== ""))];
        return labels.length === 0 ? problem("no labels given") : step("github.issue.label", { ...issue, labels });
      }),
  },
  {
    verb: "close",
    usage: "close <owner>/<repo>#<n>",
    summary: "close a GitHub issue",
    parse: (args) =>
      withIssue(args, (issue, rest) =>
        rest === "" ? step("github.issue.close", issue) : problem(`unexpected \`${rest}\` after the issue`),
      ),
  },
  {
    verb: "post",
    usage: "post <#channel> <text>",
    summary: "post to a Slack channel",
    parse(args) {
      const { word, rest } = firstWord(args);
      const channel = slackChannel(word);
      if (!channel.ok) return channel;
      const text = required(rest, "the message text");
      return text.ok ? step("slack.message.post", { channel: channel.value, text: text.value }) : text;
    },
  },
  {
    verb: "send",
    usage: "send <+E164> <text>",
    summary: "send a WhatsApp message",
    parse(args) {
      const { word, rest } = firstWord(args);
      if (!word.startsWith("+")) return problem(`\`${word || "(nothing)"}\` is not a phone number like \`+14155550100\``);
      const text = required(rest, "the message text");
      return text.ok ? step("whatsapp.message.send", { to: word, text: text.value }) : text;
    },
  },
  {
    verb: "run",
    usage: "run <publisher>/<skill>/<tool> key=value…",
    summary: "run an installed tool (values with spaces in double quotes)",
    parse(args, registry) {
      const { word, rest } = firstWord(args);
      if (word === "") return problem("the tool is missing");
      const tool = registry.resolve(word);
      if (!tool) return problem(`no tool \`${word}\` is installed`);
      const pairs = assignments(rest);
      if (!pairs.ok) return pairs;
      const input = runInput(pairs.value, tool.input);
      return input.ok ? step(word, input.value) : input;
    },
  },
];

export const commandByVerb: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.verb, c]));
