import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { GRAMMAR_INTERPRETER, interpretText } from "../../engine/interpret/index.ts";

function singleStep(text: string) {
  const result = interpretText(text, toolRegistry);
  if (!result.ok) throw new Error(`rejected: ${result.reply}`);
  expect(result.draft.interpreter).toEqual(GRAMMAR_INTERPRETER);
  expect(result.draft.steps).toHaveLength(1);
  const [step] = result.draft.steps;
  return step;
}

describe("grammar: each command", () => {
  it("help is one channel.reply step carrying the usage of every command", () => {
    const step = singleStep("help");
    expect(step).toMatchObject({ key: "help", tool: "channel.reply", after: [] });
    const text = String(step?.input.text);
    for (const usage of ["reply <text>", "comment <owner>/<repo>#<n> <text>", "close <owner>/<repo>#<n>", "run <publisher>/<skill>/<tool> key=value…"]) {
      expect(text).toContain(usage);
    }
  });

  it("help <command> answers with that command's usage", () => {
    expect(singleStep("help label")?.input.text).toBe("label <owner>/<repo>#<n> <label>[,<label>…]: add labels to a GitHub issue");
  });

  it("reply keeps the text as typed", () => {
    expect(singleStep('reply Deployed "v2" to prod.')).toMatchObject({
      key: "reply-1",
      tool: "channel.reply",
      input: { text: 'Deployed "v2" to prod.' },
    });
  });

  it("reply unquotes text that is wholly quoted", () => {
    expect(singleStep('reply "  spaced out  "')?.input).toEqual({ text: "  spaced out  " });
  });

  it("keeps line breaks in free text", () => {
    expect(singleStep("reply line one\nline two")?.input).toEqual({ text: "line one\nline two" });
  });

  it("comment", () => {
    expect(singleStep("comment acme/api#42 Looks good to me")).toMatchObject({
      tool: "github.issue.comment",
      input: { owner: "acme", repo: "api", number: 42, body: "Looks good to me" },
    });
  });

  it("label splits on commas, trims, unquotes and drops repeats", () => {
    expect(singleStep('label acme/api#7 bug, help wanted,"a,b",bug')?.input).toEqual({
      owner: "acme",
      repo: "api",
      number: 7,
      labels: ["bug", "help wanted", "a,b"],
    });
  });

  it("close", () => {
    expect(singleStep("close acme/web.site#1")).toMatchObject({
      tool: "github.issue.close",
      input: { owner: "acme", repo: "web.site", number: 1 },
    });
  });

  it("post to #name", () => {
    expect(singleStep("post #ops Deploy finished")).toMatchObject({
      tool: "slack.message.post",
      input: { channel: "#ops", text: "Deploy finished" },
    });
  });

  it("post to a Slack channel mention uses the channel id", () => {
    expect(singleStep("post <#C024BE7LR|ops> hi")?.input).toEqual({ channel: "C024BE7LR", text: "hi" });
  });

  it("send", () => {
    expect(singleStep("send +14155550100 Your order shipped")).toMatchObject({
      tool: "whatsapp.message.send",
      input: { to: "+14155550100", text: "Your order shipped" },
    });
  });

  it("run", () => {
    expect(singleStep("run http.request method=GET url=https://example.com/health")).toMatchObject({
      tool: "http.request",
      input: { method: "GET", url: "https://example.com/health" },
    });
  });

  it("accepts a leading /cp and any case of the verb", () => {
    expect(singleStep("/cp CLOSE acme/api#3")).toMatchObject({ tool: "github.issue.close" });
  });
});
