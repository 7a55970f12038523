import { beforeEach, describe, expect, it } from "vitest";
import { standin } from "../../support/standin.ts";
import { metaBatch, metaMessage } from "../support/payloads.ts";
import { drive, executionOf, metaSigned, post } from "./support.ts";

describe("a WhatsApp Cloud API message through the whole Worker", () => {
  beforeEach(() => standin.reset());

  it("answers the sender with a Graph API message from the number it wrote to", async () => {
    const payload = metaBatch([[{ messages: [metaMessage("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdF", "16505551234", "reply on it")] }]]);
    const res = await post("/webhooks/whatsapp", await metaSigned(payload));
    expect(res.status).toBe(200);

    await drive();

    expect(await executionOf("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdF")).toMatchObject({ tenant_id: "default-tenant", status: "succeeded" });

    const sent = await standin.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", host: "graph.standin" });
    expect(sent[0]?.path).toMatch(/\/106540352242922\/messages$/);
    expect(sent[0]?.headers.authorization).toBe("Bearer meta-test-token");
    expect(JSON.parse(sent[0]?.body ?? "{}")).toMatchObject({ messaging_product: "whatsapp", to: "16505551234", type: "text", text: { body: "on it" } });
  });
});
