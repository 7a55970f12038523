import type { Intent } from "../../../contracts/intent.ts";

/** A Slack intent as a channel would hand it over; override any field. */
export function makeIntent(overrides: Partial<Intent> = {}): Intent {
  return {
    tenantId: "acme",
    actor: { type: "human", id: "U123" },
    channel: "slack",
    replyTo: { kind: "slack", teamId: "T1", channelId: "C1", threadTs: "1700000000.000100" },
    text: "reply hello",
    receivedAt: "2026-03-01T12:00:00.000Z",
    ...overrides,
  };
}
