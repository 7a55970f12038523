import { describe, expect, it } from "vitest";
import { MAX_THREAD_BYTES, MAX_THREAD_TURNS, threadKeyOf, threadWindow, type ThreadTurn } from "../../engine/planner/thread.ts";

const turn = (role: ThreadTurn["role"], text: string): ThreadTurn => ({ role, text });

describe("the clarification window", () => {
  it("is empty unless the thread's last turn is the planner's question", () => {
    expect(threadWindow([])).toEqual([]);
    expect(threadWindow([turn("user", "a"), turn("assistant", "q?"), turn("user", "b")])).toEqual([]);
    expect(threadWindow([turn("user", "a"), turn("assistant", "q?")])).toEqual([turn("user", "a"), turn("assistant", "q?")]);
  });

  it("keeps the newest turns within the turn and byte bounds", () => {
    const many = Array.from({ length: 10 }, (_, i) => turn(i % 2 === 0 ? "user" : "assistant", `t${i}`));
    expect(threadWindow(many).map((t) => t.text)).toEqual(["t4", "t5", "t6", "t7", "t8", "t9"].slice(-MAX_THREAD_TURNS));
    const big = [turn("user", "é".repeat(1500)), turn("assistant", "q1"), turn("user", "é".repeat(1000)), turn("assistant", "q2")];
    const kept = threadWindow(big);
    expect(kept.map((t) => t.text.slice(0, 2))).toEqual(["q1", "éé", "q2"]);
    expect(kept.reduce((n, t) => n + new TextEncoder().encode(t.text).length, 0)).toBeLessThanOrEqual(MAX_THREAD_BYTES);
  });
});

describe("thread keys", () => {
  it("name the conversation per channel, and none where there is no thread", () => {
    expect(threadKeyOf({ kind: "slack", teamId: "T1", channelId: "C1", threadTs: "1.2" })).toBe("slack:T1:C1:1.2");
    expect(threadKeyOf({ kind: "slack", teamId: "T1", channelId: "C1", responseUrl: "https://hooks.slack.com/x" })).toBeNull();
    expect(threadKeyOf({ kind: "github", owner: "acme", repo: "web", issueNumber: 7 })).toBe("github:acme/web#7");
    expect(threadKeyOf({ kind: "whatsapp_twilio", from: "whatsapp:+1", to: "whatsapp:+2" })).toBe("whatsapp_twilio:whatsapp:+1:whatsapp:+2");
    expect(threadKeyOf({ kind: "none" })).toBeNull();
  });
});
