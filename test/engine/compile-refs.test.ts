import { describe, expect, it } from "vitest";
import type { DraftStep } from "../../contracts/plan.ts";
import { type CompileErrorCode, compile } from "../../engine/compile.ts";
import { makeIntent } from "./support/intent.ts";
import { registryWithSkills } from "./support/tools.ts";

const ref = ($ref: string) => ({ $ref });

/** The first step produces, the second consumes `input` (with references) after it. */
function check(producer: Omit<DraftStep, "key" | "after">, consumer: Omit<DraftStep, "key" | "after">, after = ["src"]) {
  const steps: DraftStep[] = [
    { key: "src", after: [], ...producer },
    { key: "dst", after, ...consumer },
  ];
  const result = compile(makeIntent(), { interpreter: { name: "test", version: "1" }, steps }, registryWithSkills);
  return result.ok ? [] : result.errors.map((e) => e.code);
}

const classifyStep = { tool: "acme/triage/classify", input: { title: "t" } };
const commentStep = { tool: "github.issue.comment", input: { owner: "acme", repo: "api", number: 1, body: "b" } };
const postStep = { tool: "slack.message.post", input: { channel: "#ops", text: "x" } };
const closeStep = { tool: "github.issue.close", input: { owner: "acme", repo: "api", number: 1 } };
const labelStep = { tool: "github.issue.label", input: { owner: "acme", repo: "api", number: 1, labels: ["bug"] } };
const httpStep = { tool: "http.request", input: { method: "GET", url: "https://example.com" } };

describe("compile: step output references are type-checked", () => {
  describe("accepted", () => {
    it.each<[string, Omit<DraftStep, "key" | "after">, Omit<DraftStep, "key" | "after">]>([
      ["a string into text", classifyStep, { tool: "channel.reply", input: { text: ref("src.summary") } }],
      ["a Slack ts into threadTs (same pattern)", postStep, { tool: "slack.message.post", input: { channel: "#ops", text: "x", threadTs: ref("src.ts") } }],
      ["an integer into an integer", closeStep, { tool: "github.issue.comment", input: { owner: "acme", repo: "api", number: ref("src.number"), body: "b" } }],
      ["an array of strings into an array of strings", labelStep, { tool: "github.issue.label", input: { owner: "a", repo: "b", number: 2, labels: ref("src.labels") } }],
      ["a literal into text it satisfies", closeStep, { tool: "channel.reply", input: { text: ref("src.state") } }],
      ["an enum into a wider enum", classifyStep, { tool: "acme/triage/classify", input: { title: "t", severity: ref("src.severity") } }],
      ["an object into a compatible object", classifyStep, { tool: "acme/triage/classify", input: { title: "t", meta: ref("src.origin") } }],
      ["a nested field", classifyStep, { tool: "channel.reply", input: { text: ref("src.origin.source") } }],
      ["a tuple item by index", classifyStep, { tool: "acme/triage/classify", input: { title: ref("src.pair.0"), score: ref("src.pair.1") } }],
      ["a reference inside a record", postStep, { ...httpStep, input: { ...httpStep.input, headers: { "X-Slack-Ts": ref("src.ts") } } }],
      ["a reference inside an array", classifyStep, { ...labelStep, input: { ...labelStep.input, labels: ["bug", ref("src.summary")] } }],
      ["a boolean into a boolean", classifyStep, { tool: "acme/triage/classify", input: { title: "t", strict: ref("src.confident") } }],
    ])("%s", (_what, producer, consumer) => {
      expect(check(producer, consumer)).toEqual([]);
    });

    it("a transitive ancestor", () => {
      const steps: DraftStep[] = [
        { key: "a", after: [], ...classifyStep },
        { key: "b", after: ["a"], tool: "channel.reply", input: { text: "x" } },
        { key: "c", after: ["b"], tool: "channel.reply", input: { text: ref("a.summary") } },
      ];
      expect(compile(makeIntent(), { interpreter: { name: "t", version: "1" }, steps }, registryWithSkills).ok).toBe(true);
    });
  });

  describe("refused", () => {
    it.each<[string, Omit<DraftStep, "key" | "after">, Omit<DraftStep, "key" | "after">, CompileErrorCode]>([
      ["a number into text", classifyStep, { tool: "channel.reply", input: { text: ref("src.score") } }, "REF_TYPE_MISMATCH"],
      ["a non-integer into an integer", classifyStep, { tool: "acme/triage/classify", input: { title: "t", count: ref("src.score") } }, "REF_TYPE_MISMATCH"],
      ["plain text into a patterned field", postStep, { tool: "slack.message.post", input: { channel: ref("src.channel"), text: "x" } }, "REF_TYPE_MISMATCH"],
      ["any url into an http(s)-only url", commentStep, { ...httpStep, input: { method: "GET", url: ref("src.url") } }, "REF_TYPE_MISMATCH"],
      ["a literal into a field it does not satisfy", closeStep, { tool: "whatsapp.message.send", input: { to: ref("src.state"), text: "x" } }, "REF_TYPE_MISMATCH"],
      ["an enum into a narrower enum", classifyStep, { tool: "acme/triage/classify", input: { title: "t", only: ref("src.severity") } }, "REF_TYPE_MISMATCH"],
      ["a whole object into text", classifyStep, { tool: "channel.reply", input: { text: ref("src") } }, "REF_TYPE_MISMATCH"],
      ["an array into text", classifyStep, { tool: "channel.reply", input: { text: ref("src.labels") } }, "REF_TYPE_MISMATCH"],
      ["a path the output does not have", commentStep, { tool: "channel.reply", input: { text: ref("src.htmlUrl") } }, "REF_PATH_NOT_FOUND"],
      ["a path into a string", commentStep, { tool: "channel.reply", input: { text: ref("src.url.host") } }, "REF_PATH_NOT_FOUND"],
      ["a path past a tuple's end", classifyStep, { tool: "channel.reply", input: { text: ref("src.pair.2") } }, "REF_PATH_NOT_FOUND"],
      ["an optional output field", classifyStep, { tool: "channel.reply", input: { text: ref("src.note") } }, "REF_MAY_BE_MISSING"],
      ["an array index, which may not exist", classifyStep, { tool: "channel.reply", input: { text: ref("src.labels.0") } }, "REF_MAY_BE_MISSING"],
      ["a reference where the input has no field", classifyStep, { tool: "channel.reply", input: { text: "x", extra: ref("src.summary") } }, "REF_TARGET_NOT_FOUND"],
      ["a malformed reference", classifyStep, { tool: "channel.reply", input: { text: ref("Src..summary") } }, "BAD_REF"],
    ])("%s", (_what, producer, consumer, code) => {
      expect(check(producer, consumer)).toContain(code);
    });

    it("a step that does not run before (a sibling)", () => {
      expect(check(classifyStep, { tool: "channel.reply", input: { text: ref("src.summary") } }, [])).toEqual(["REF_NOT_ANCESTOR"]);
    });

    it("a step that does not exist", () => {
      expect(check(classifyStep, { tool: "channel.reply", input: { text: ref("nope.summary") } })).toEqual(["REF_UNKNOWN_STEP"]);
    });
  });

  it("an object with `$ref` among other keys is data, checked as data", () => {
    expect(check(classifyStep, { tool: "channel.reply", input: { text: { $ref: "src.summary", also: 1 } } })).toEqual(["INVALID_INPUT"]);
  });
});
