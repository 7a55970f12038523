import { describe, expect, it } from "vitest";
import { slackPlanValue, whatsappPlanButtonId } from "../../contracts/common/plan-confirmation-controls.ts";
import { normalizeMeta } from "../../workers/channels/meta-normalize.ts";
import { normalizeSlack } from "../../workers/channels/slack-normalize.ts";
import { metaBatch, slackBlockActions } from "./support/payloads.ts";
import { FORM, JSON_TYPE, recordingResolver, verifiedDelivery } from "./support/raw.ts";

const ref = { executionId: "ex_0123456789abcdef", planDigest: "a".repeat(64) };

async function meta(message: unknown, tenant: string | null = "acme") {
  const raw = await verifiedDelivery(JSON.stringify(metaBatch([[{ messages: [message] }]])), JSON_TYPE);
  const result = await normalizeMeta(raw, recordingResolver(tenant).resolve);
  if (result.kind !== "delivery") throw new Error("expected a delivery");
  return result.delivery.items;
}

const buttonReply = (id: string, title: string) => ({ from: "16505551234", id: "wamid.PRESS1", timestamp: "1764072100", type: "interactive", interactive: { type: "button_reply", button_reply: { id, title } } });

describe("WhatsApp interactive button replies", () => {
  it("a plan button becomes a plan decision bound to its execution and digest, answered in the sender's conversation", async () => {
    const [item] = await meta(buttonReply(whatsappPlanButtonId("cancel", ref), "Cancel"));
    expect(item).toEqual({
      kind: "plan_decision",
      itemId: "wamid.PRESS1",
      tenantId: "acme",
      provider: "meta",
      action: { decision: "cancel", ref, actor: { type: "human", id: "whatsapp:+16505551234" }, replyTo: { kind: "whatsapp_meta", phoneNumberId: "106540352242922", to: "16505551234" } },
    });
  });

  it("is refused as unbound when no tenant holds the number, and any other reply button reads as its title", async () => {
    expect((await meta(buttonReply(whatsappPlanButtonId("confirm", ref), "Confirm"), null))[0]?.kind).toBe("unbound");
    const [other] = await meta(buttonReply("some-other-button", "reply yes please"));
    expect(other?.kind).toBe("intent");
    if (other?.kind === "intent") expect(other.intent.text).toBe("reply yes please");
    // A tampered plan button id is no plan decision.
    const [tampered] = await meta(buttonReply(`${whatsappPlanButtonId("confirm", ref)}0`, "Confirm"));
    expect(tampered?.kind).toBe("intent");
  });
});

describe("Slack plan buttons", () => {
  it("a Confirm press becomes a plan decision; a value that is not a plan reference is not", async () => {
    const body = slackBlockActions([
      { action_id: "cp.plan.confirm", value: slackPlanValue(ref) },
      { action_id: "cp.plan.confirm", value: JSON.stringify({ executionId: ref.executionId, planDigest: "nope" }) },
    ]);
    const raw = await verifiedDelivery(body, FORM);
    const result = await normalizeSlack(raw, recordingResolver("acme").resolve);
    if (result.kind !== "delivery") throw new Error("expected a delivery");
    const [press, bad] = result.delivery.items;
    expect(press).toMatchObject({ kind: "plan_decision", tenantId: "acme", provider: "slack", action: { decision: "confirm", ref, actor: { id: "slack:T0001:U0APPROVER" } } });
    // Answered in the thread, never through the button's response_url.
    if (press?.kind === "plan_decision") expect(press.action.replyTo).toEqual({ kind: "slack", teamId: "T0001", channelId: "C0GENERAL", threadTs: "1764072000.000100" });
    expect(bad?.kind).toBe("ignored");
  });
});
