import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { type InterpretResult, interpretText } from "../../engine/interpret/index.ts";

function rejection(text: string): Extract<InterpretResult, { ok: false }> {
  const result = interpretText(text, toolRegistry);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.draft)}`);
  return result;
}

describe("grammar: rejections come with a helpful reply, never a guess", () => {
  it("empty text answers with the help", () => {
    const r = rejection("  /cp  ");
    expect(r.code).toBe("EMPTY");
    expect(r.reply).toContain("reply <text>");
  });

  it("an unknown verb close to a command suggests it, with its usage", () => {
    const r = rejection("comit acme/api#1 hi");
    expect(r.code).toBe("UNKNOWN_COMMAND");
    expect(r.reply).toContain("Did you mean `comment`?");
    expect(r.reply).toContain("comment <owner>/<repo>#<n> <text>");
  });

  it("an unknown verb far from any command lists all commands", () => {
    const r = rejection("xyzzy production");
    expect(r.code).toBe("UNKNOWN_COMMAND");
    expect(r.reply).toContain("Try `help`");
    expect(r.reply).toContain("send <+E164> <text>");
  });

  it.each([
    ["reply", "the reply text is missing", "reply <text>"],
    ["comment acme/api 42 hi", "is not an issue like `owner/repo#123`", "comment <owner>/<repo>#<n> <text>"],
    ["comment acme/api#42", "the comment text is missing", "comment <owner>/<repo>#<n> <text>"],
    ["label acme/api#7", "no labels given", "label <owner>/<repo>#<n>"],
    ["label acme/api#7 , ,", "no labels given", "label <owner>/<repo>#<n>"],
    ["close acme/api#7 now please", "unexpected `now please`", "close <owner>/<repo>#<n>"],
    ["close acme/api#0", "`number`", "close <owner>/<repo>#<n>"],
    ["close -acme/api#1", "GitHub user or organisation", "close <owner>/<repo>#<n>"],
    ["post ops hello", "is not a channel like `#general`", "post <#channel> <text>"],
    ["post #Ops hello", "`channel`", "post <#channel> <text>"],
    ["send 4155550100 hi", "is not a phone number", "send <+E164> <text>"],
    ["send +1 hi", "E.164", "send <+E164> <text>"],
    ["send +14155550100", "the message text is missing", "send <+E164> <text>"],
    ["run", "the tool is missing", "run <publisher>/<skill>/<tool>"],
  ])("`%s`: says what is wrong and shows the usage", (text, problem, usage) => {
    const r = rejection(text);
    expect(r.code).toBe("INVALID_ARGUMENTS");
    expect(r.reply.toLowerCase()).toContain(problem.toLowerCase());
    expect(r.reply).toContain(`Usage: ${usage}`);
  });

  it("an unclosed quote is refused, not guessed at", () => {
    const r = rejection('reply "done then close acme/api#1');
    expect(r.code).toBe("UNBALANCED_QUOTE");
    expect(r.reply).toContain("never closed");
  });

  it("help does not chain", () => {
    expect(rejection("help then close acme/api#1").code).toBe("HELP_NOT_CHAINABLE");
  });

  it("one bad step rejects the whole chain", () => {
    const r = rejection("reply ok then close acme/api");
    expect(r.code).toBe("INVALID_ARGUMENTS");
    expect(r.reason).toMatch(/^close:/);
  });

  it("more than 500 steps is too many", () => {
    expect(rejection(Array.from({ length: 501 }, () => "reply x").join(" and ")).code).toBe("TOO_MANY_STEPS");
  });
});
