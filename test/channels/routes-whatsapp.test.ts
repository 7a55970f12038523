import { describe, expect, it } from "vitest";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { metaBatch, metaMessage, metaStatus } from "./support/payloads.ts";
import { metaRequest } from "./support/requests.ts";

describe("POST /webhooks/whatsapp", () => {
  it("turns a batch of N messages across entries and changes into N intents, and answers 200", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const batch = metaBatch([
      [{ messages: [metaMessage("wamid.A1", "16505551234", "reply one"), metaMessage("wamid.A2", "16505551234", "reply two")] }],
      [
        { messages: [metaMessage("wamid.B1", "447700900123", "help")] },
        { messages: [metaMessage("wamid.C1", "16505551234", "reply three")], statuses: [metaStatus("wamid.OUT1", "delivered")] },
      ],
    ]);
    const res = await app.request("/webhooks/whatsapp", await metaRequest(batch), ENV);
    expect(res.status).toBe(200);
    const items = sink.deliveries[0]?.items ?? [];
    expect(items.filter((i) => i.kind === "intent")).toHaveLength(4);
    expect(items.filter((i) => i.kind === "status")).toHaveLength(1);
    expect(sink.deliveries[0]?.deliveryId).toMatch(/^batch:[0-9a-f]{64}$/);
  });
});
