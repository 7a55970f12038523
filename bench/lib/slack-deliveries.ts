import { createHmac } from "node:crypto";

export interface SignedDelivery {
  eventId: string;
  /** What the reply must say: the mention is `reply <replyText>`. */
  replyText: string;
  body: string;
  headers: Record<string, string>;
}

/** Signed Events API app_mention deliveries, each with its own event_id, signed as Slack signs (v0). */
export function slackMentions(secret: string, prefix: string, count: number): SignedDelivery[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const eventId = `Ev${prefix}${String(i).padStart(7, "0")}`;
    const replyText = `ack ${eventId}`;
    const ts = `1764072000.${String(i).padStart(6, "0")}`;
    const body = JSON.stringify({
      token: "bench",
      team_id: "T0BENCH",
      api_app_id: "A0BENCH",
      event: { type: "app_mention", user: "U0HUMAN", text: `<@U0BOT> reply ${replyText}`, ts, channel: "C0BENCH", event_ts: ts },
      type: "event_callback",
      event_id: eventId,
      event_time: Number(timestamp),
    });
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    return {
      eventId,
      replyText,
      body,
      headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    };
  });
}
