import { describe, expect, it } from "vitest";
import { Intent } from "../../contracts/intent.ts";
import { commandLines, MAX_COMMAND_COMMENT } from "../../workers/channels/github-commands.ts";
import { normalizeGitHub } from "../../workers/channels/github-normalize.ts";
import type { NormalizedDelivery } from "../../workers/channels/sink.ts";
import { githubIssueComment, githubPing, githubReviewComment } from "./support/payloads.ts";
import { JSON_TYPE, RECEIVED_AT, recordingResolver, verifiedDelivery } from "./support/raw.ts";

const HEADERS = { ...JSON_TYPE, "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-github-hook-id": "12345678" };

async function normalize(event: string, payload: unknown, tenant: string | null = "acme") {
  const resolver = recordingResolver(tenant);
  const raw = await verifiedDelivery(`${JSON.stringify(payload, null, 2)}\n`, { ...HEADERS, "x-github-event": event });
  const result = await normalizeGitHub(raw, resolver.resolve);
  if (result.kind !== "delivery") throw new Error("expected a delivery");
  return { delivery: result.delivery, asked: resolver.asked, raw };
}

function kinds(delivery: NormalizedDelivery): string[] {
  return delivery.items.map((i) => (i.kind === "ignored" ? `ignored:${i.reason}` : i.kind));
}

describe("commandLines", () => {
  it("takes every line starting with /cp, without the /cp", () => {
    const body = "LGTM\r\n/cp label acme/widgets#42 bug\r\n  /cp reply thanks  \r\n/cpx nope\n\n/cp\n";
    expect(commandLines(body)).toEqual(["label acme/widgets#42 bug", "reply thanks", ""]);
  });

  it("skips fenced code blocks", () => {
    expect(commandLines("```\n/cp close acme/widgets#1\n```\n/cp help")).toEqual(["help"]);
  });
});

describe("normalizeGitHub", () => {
  it("turns each /cp line of an issue comment into an intent that replies on the issue", async () => {
    const { delivery, asked, raw } = await normalize("issue_comment", githubIssueComment("Please:\n/cp label acme/widgets#42 bug\n/cp reply done"));
    expect(delivery).toMatchObject({ provider: "github", deliveryId: "12345678:72d3162e-cc78-11e3-81ab-4c9367dc0958", retry: false });
    expect(asked[0]).toEqual({ provider: "github", repository: "acme/widgets", installationId: 7_700_001 });
    const [first, second] = delivery.items;
    if (first?.kind !== "intent" || second?.kind !== "intent") throw new Error("expected two intents");
    expect(Intent.parse(first.intent)).toEqual({
      tenantId: "acme",
      actor: { type: "human", id: "github:1001" },
      channel: "github",
      replyTo: { kind: "github", owner: "acme", repo: "widgets", issueNumber: 42, installationId: 7_700_001 },
      text: "label acme/widgets#42 bug",
      receivedAt: RECEIVED_AT,
      source: { provider: "github", deliveryId: "12345678:72d3162e-cc78-11e3-81ab-4c9367dc0958", payloadDigest: raw.payloadDigest },
    });
    expect([first.itemId, second.itemId]).toEqual(["issue_comment:2115000001#0", "issue_comment:2115000001#1"]);
    expect(second.intent.text).toBe("reply done");
  });

  it("replies on the pull request for review comments", async () => {
    const { delivery } = await normalize("pull_request_review_comment", githubReviewComment("/cp reply on it"));
    const [item] = delivery.items;
    expect(item?.kind === "intent" && item.intent.replyTo).toEqual({ kind: "github", owner: "acme", repo: "widgets", issueNumber: 77 });
  });

  it("ignores pings, edits, bots, comments without /cp and other events", async () => {
    expect(kinds((await normalize("ping", githubPing)).delivery)).toEqual(["ignored:ping"]);
    expect(kinds((await normalize("issue_comment", githubIssueComment("/cp help", { action: "edited" }))).delivery)).toEqual([
      "ignored:comment_not_created",
    ]);
    expect(kinds((await normalize("issue_comment", githubIssueComment("/cp help", { userType: "Bot" }))).delivery)).toEqual(["ignored:bot_message"]);
    expect(kinds((await normalize("issue_comment", githubIssueComment("nice work"))).delivery)).toEqual(["ignored:no_command"]);
    const long = `/cp help\n\n${"x".repeat(MAX_COMMAND_COMMENT)}`;
    expect(kinds((await normalize("issue_comment", githubIssueComment(long))).delivery)).toEqual(["ignored:comment_too_long"]);
    expect(kinds((await normalize("push", { ref: "refs/heads/main" })).delivery)).toEqual(["ignored:unsupported_event"]);
  });

  it("records commands from a repository no tenant owns as unbound, one per line", async () => {
    const { delivery } = await normalize("issue_comment", githubIssueComment("/cp help\n/cp reply hi", { repo: "stranger/repo" }), null);
    expect(kinds(delivery)).toEqual(["unbound", "unbound"]);
  });

  it("reports a delivery without GitHub's headers or with an unreadable payload as malformed", async () => {
    const resolver = recordingResolver();
    const noHook = await verifiedDelivery("{}", { ...JSON_TYPE, "x-github-event": "ping", "x-github-delivery": "d" });
    expect(await normalizeGitHub(noHook, resolver.resolve)).toEqual({ kind: "malformed" });
    const broken = await verifiedDelivery("{", { ...HEADERS, "x-github-event": "issue_comment" });
    expect(await normalizeGitHub(broken, resolver.resolve)).toEqual({ kind: "malformed" });
  });
});
