import { describe, expect, it } from "vitest";
import { channelReplyAdapter } from "../../workers/tools/channel-reply.ts";
import { dispatch } from "../../workers/tools/dispatch.ts";
import { githubIssueCloseAdapter } from "../../workers/tools/github-issue-close.ts";
import { githubIssueCommentAdapter } from "../../workers/tools/github-issue-comment.ts";
import { githubIssueLabelAdapter } from "../../workers/tools/github-issue-label.ts";
import { httpRequestAdapter } from "../../workers/tools/http-request.ts";
import { slackMessagePostAdapter } from "../../workers/tools/slack-message-post.ts";
import type { StepContext } from "../../runtime/tools/step-context.ts";
import { whatsappMessageSendAdapter } from "../../workers/tools/whatsapp-message-send.ts";
import { testConfig } from "./support/config.ts";
import { fakeFetch, json } from "./support/fake-fetch.ts";
import { contextFor } from "./support/plan.ts";

// Regression guard for issue 4 item 5: no tool runs without a context the executor minted.

const adapters = [
  channelReplyAdapter,
  slackMessagePostAdapter,
  githubIssueCommentAdapter,
  githubIssueLabelAdapter,
  githubIssueCloseAdapter,
  whatsappMessageSendAdapter,
  httpRequestAdapter,
];

const genuine = () => contextFor("slack.message.post", { channel: "C0123", text: "hi" });
const forge = (value: unknown) => value as StepContext;

function lookalikes(): [string, StepContext][] {
  const real = genuine();
  return [
    ["undefined", forge(undefined)],
    ["null", forge(null)],
    ["a spread copy", forge({ ...real })],
    ["a structured clone", forge(structuredClone(real))],
    ["an object inheriting from a real one", forge(Object.create(real))],
    ["a proxy of a real one", forge(new Proxy(real, {}))],
    ["a hand-written lookalike", forge(JSON.parse(JSON.stringify(real)))],
  ];
}

function recorder() {
  return fakeFetch(() => json({ ok: true, channel: "C0123", ts: "1700000000.000200" }));
}

describe("no dispatch without a minted step context", () => {
  it.each(lookalikes())("dispatch refuses %s without touching the network", async (_, context) => {
    const { fetch, requests } = recorder();
    const outcome = await dispatch(context, { config: testConfig(), fetch });
    expect(outcome).toEqual({ ok: false, retryable: false, code: "NO_STEP_CONTEXT", message: expect.any(String) });
    expect(requests).toHaveLength(0);
  });

  it.each(adapters.map((a) => [a.key, a] as const))("adapter %s refuses direct calls with forged contexts", async (_, adapter) => {
    const { fetch, requests } = recorder();
    for (const [, context] of lookalikes()) {
      const outcome = await adapter.invoke(context, { config: testConfig(), fetch });
      expect(outcome.ok ? "ran" : outcome.code).toBe("NO_STEP_CONTEXT");
    }
    expect(requests).toHaveLength(0);
  });

  it("an adapter refuses a genuine context minted for another tool", async () => {
    const { fetch, requests } = recorder();
    const outcome = await githubIssueCloseAdapter.invoke(genuine(), { config: testConfig(), fetch });
    expect(outcome.ok ? "ran" : outcome.code).toBe("TOOL_MISMATCH");
    expect(requests).toHaveLength(0);
  });

  it("the genuine context itself is dispatched", async () => {
    const { fetch, requests } = recorder();
    const outcome = await dispatch(genuine(), { config: testConfig(), fetch });
    expect(outcome).toEqual({ ok: true, output: { channel: "C0123", ts: "1700000000.000200" } });
    expect(requests).toHaveLength(1);
  });
});
