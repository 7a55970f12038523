import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { interpretText } from "../../engine/interpret/index.ts";

function shape(text: string) {
  const result = interpretText(text, toolRegistry);
  if (!result.ok) throw new Error(`rejected: ${result.reply}`);
  return result.draft.steps.map((s) => ({ key: s.key, after: s.after }));
}

describe("grammar: chaining", () => {
  it("`then` orders steps", () => {
    expect(shape("label acme/api#7 bug then close acme/api#7")).toEqual([
      { key: "label-1", after: [] },
      { key: "close-2", after: ["label-1"] },
    ]);
  });

  it("`and` runs steps side by side, with the same predecessors", () => {
    expect(shape("reply on it then label acme/api#7 bug and comment acme/api#7 ok then close acme/api#7")).toEqual([
      { key: "reply-1", after: [] },
      { key: "label-2", after: ["reply-1"] },
      { key: "comment-3", after: ["reply-1"] },
      { key: "close-4", after: ["label-2", "comment-3"] },
    ]);
  });

  it("a leading `and` group has no predecessors", () => {
    expect(shape("reply a and reply b")).toEqual([
      { key: "reply-1", after: [] },
      { key: "reply-2", after: [] },
    ]);
  });

  describe("`and`/`then` inside free text split only when a command verb follows", () => {
    it("keeps `salt and pepper` in the reply", () => {
      const result = interpretText("reply salt and pepper then close acme/api#1", toolRegistry);
      expect(result.ok && result.draft.steps.map((s) => s.input)).toEqual([
        { text: "salt and pepper" },
        { owner: "acme", repo: "api", number: 1 },
      ]);
    });

    it("keeps `and then` followed by a non-verb", () => {
      const result = interpretText("reply build it and then test it", toolRegistry);
      expect(result.ok && result.draft.steps).toHaveLength(1);
    });

    it("splits before a verb, even mid-sentence", () => {
      expect(shape("reply done and close acme/api#1")).toEqual([
        { key: "reply-1", after: [] },
        { key: "close-2", after: [] },
      ]);
    });

    it("never splits inside double quotes", () => {
      const result = interpretText('reply "done and close acme/api#1"', toolRegistry);
      expect(result.ok && result.draft.steps.map((s) => s.input)).toEqual([{ text: "done and close acme/api#1" }]);
    });

    it("treats typographic quotes as quotes", () => {
      const result = interpretText("reply \u201cdone and close acme/api#1\u201d", toolRegistry);
      expect(result.ok && result.draft.steps.map((s) => s.input)).toEqual([{ text: "done and close acme/api#1" }]);
    });

    it("never splits on `help`, which does not chain", () => {
      const result = interpretText("reply I need help and help", toolRegistry);
      expect(result.ok && result.draft.steps.map((s) => s.input)).toEqual([{ text: "I need help and help" }]);
    });

    it("separators are words: `band` and `thence` do not split", () => {
      expect(shape("reply the band reply thence")).toHaveLength(1);
    });

    it("separators are case-insensitive and may span line breaks", () => {
      expect(shape("reply a\nTHEN\nclose acme/api#1")).toEqual([
        { key: "reply-1", after: [] },
        { key: "close-2", after: ["reply-1"] },
      ]);
    });
  });
});
