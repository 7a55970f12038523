import { describe, expect, it } from "vitest";
import { ApprovalSpec } from "../../contracts/policy/document.ts";
import { digestOf } from "../../engine/hash.ts";
import { approvalNoticeMessage, NOTICE_ARGUMENTS_LIMIT, type NoticeSubject, noticeId } from "../../runtime/notices/notice-message.ts";

function subject(input: Record<string, unknown>, level = 0): NoticeSubject {
  return {
    executionId: "ex_1",
    noticeId: noticeId("st_1", level),
    stepId: "st_1",
    key: "post",
    tool: { key: "slack.message.post", version: "1.0.0" },
    input,
    actionDigest: "a".repeat(64),
    reason: "rule medium: one approval",
    tier: "medium",
    spec: ApprovalSpec.parse({ group: "triage", quorum: 1, escalation: [{ group: "leads", timeoutSeconds: 600 }] }),
    level,
    deadline: "2026-11-25T12:00:00.000Z",
  };
}

describe("approval notice messages", () => {
  it("the id is deterministic per step and level", () => {
    expect(noticeId("st_1", 0)).toBe("st_1:approval-request:0");
    expect(noticeId("st_1", 2)).toBe("st_1:approval-request:2");
  });

  it("Slack: arguments cannot mention, link or break out of the message; the buttons carry only the step", () => {
    const message = approvalNoticeMessage(subject({ channel: "#ops", text: "<!channel> see <https://evil.test|here> & more" }), "slack");
    expect(message.format).toBe("slack_blocks");
    if (message.format !== "slack_blocks") return;
    const all = JSON.stringify(message);
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<https://evil.test");
    expect(all).toContain("&lt;!channel&gt;");
    expect(message.text).not.toContain("<!channel>");
    const actions = message.blocks.find((b) => b.type === "actions") as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(["cp.approval.approve", "cp.approval.reject"]);
    for (const e of actions.elements) expect(JSON.parse(e.value)).toEqual({ executionId: "ex_1", stepId: "st_1" });
  });

  it("long arguments are shown by length and digest", () => {
    const input = { text: "x".repeat(NOTICE_ARGUMENTS_LIMIT + 10) };
    for (const kind of ["slack", "github", "whatsapp_meta", "whatsapp_twilio"] as const) {
      const message = approvalNoticeMessage(subject(input), kind);
      expect(message.text).toContain(`sha256 ${digestOf(input)}`);
      expect(message.text).not.toContain("x".repeat(100));
    }
  });

  it("GitHub: the arguments sit in a fence longer than any backtick run in them", () => {
    const message = approvalNoticeMessage(subject({ text: "```` @octocat" }), "github", { publicBaseUrl: "https://cp.example/" });
    expect(message.format).toBe("text");
    expect(message.text).toContain("`````json\n");
    expect(message.text).toContain("https://cp.example/dashboard/approvals");
  });

  it("an escalation says so and names every group asked", () => {
    const message = approvalNoticeMessage(subject({ text: "hi" }, 1), "whatsapp_twilio");
    expect(message.text).toContain("Approval still needed (escalation 1)");
    expect(message.text).toContain("groups triage, leads (escalated to leads)");
    expect(message.text).not.toContain("/approve/");
  });
});
