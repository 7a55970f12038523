import { describe, expect, it } from "vitest";
import { replyTargetView, withoutCredentials } from "../../runtime/redact.ts";

describe("the view boundary for provider credentials", () => {
  it("removes response URLs at any depth, says so, and leaves the stored value untouched", () => {
    const stored = {
      intent: { replyTo: { kind: "slack", teamId: "T1", channelId: "C1", responseUrl: "https://hooks.slack.com/commands/T1/1/s" } },
      items: [{ response_url: "https://hooks.slack.com/commands/T1/2/s", text: "hi" }, "response_url", 3, null],
    };
    const copy = structuredClone(stored);
    const shown = withoutCredentials(stored);
    expect(shown.redacted).toBe(true);
    expect(shown.value).toEqual({ intent: { replyTo: { kind: "slack", teamId: "T1", channelId: "C1" } }, items: [{ text: "hi" }, "response_url", 3, null] });
    expect(stored).toEqual(copy);
  });

  it("reports nothing removed when there was nothing to remove", () => {
    expect(withoutCredentials({ a: [1, { b: "responseUrl" }] })).toEqual({ value: { a: [1, { b: "responseUrl" }] }, redacted: false });
    expect(withoutCredentials(undefined)).toEqual({ value: undefined, redacted: false });
  });

  it("a Slack reply target keeps where it goes, without the credential to post there", () => {
    expect(replyTargetView({ kind: "slack", teamId: "T1", channelId: "C1", threadTs: "1.2", responseUrl: "https://hooks.slack.com/x" })).toEqual({
      kind: "slack",
      teamId: "T1",
      channelId: "C1",
      threadTs: "1.2",
    });
    const github = { kind: "github", owner: "acme", repo: "web", issueNumber: 1 } as const;
    expect(replyTargetView(github)).toEqual(github);
  });
});
