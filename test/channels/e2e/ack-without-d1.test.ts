import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { recorderName, recorderShards } from "../../../workers/ingest/recorder-shard.ts";
import { settleDeliveries } from "../../support/deliveries.ts";
import { standin } from "../../support/standin.ts";
import { testSecrets } from "../../support/test-secrets.ts";
import { slackMention } from "../support/payloads.ts";
import { count, drive, executionOf, post, slackEvent } from "./support.ts";

// Issue 18: nothing on a webhook's ack path waits on D1. The recorder's SQLite is the record; D1 learns after.

/** The recorder the mention's delivery id lands on (unbound team: DEFAULT_TENANT). */
function recorderOf(deliveryId: string) {
  const name = recorderName("slack", testSecrets.DEFAULT_TENANT, deliveryId, recorderShards(env.DELIVERY_RECORDER_SHARDS));
  return env.DELIVERIES.get(env.DELIVERIES.idFromName(name));
}

const rowsOf = async (itemId: string) => ({
  deliveries: await count("SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = ?", itemId),
  intents: await count("SELECT count(*) AS n FROM intents WHERE source_item_id = ?", itemId),
  executions: await count("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?", itemId),
});

describe("a webhook acknowledged while D1 cannot be written", () => {
  beforeEach(() => standin.reset());

  it("acks 200, and the delivery, intent, execution and reply all land once D1 is back, from the recorder's alarm", async () => {
    await env.DB.exec("ALTER TABLE intents RENAME TO intents_offline");
    try {
      const res = await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply after the outage")));
      expect(res.status).toBe(200);
      // The recorder holds it; its flush (again now) still fails, so it waits in the outbox for the retry alarm.
      expect(await settleDeliveries()).toBe(1);
      // A provider retry meanwhile is a duplicate from the recorder's own memory.
      const retry = await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply after the outage"), { "x-slack-retry-num": "1" }));
      expect(retry.status).toBe(200);
    } finally {
      await env.DB.exec("ALTER TABLE intents_offline RENAME TO intents");
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries").first<{ n: number }>()).toEqual({ n: 0 });

    // The retry alarm (run now, unless its 1 s backoff already ran it) writes the outbox to D1: read D1 directly.
    await runDurableObjectAlarm(recorderOf("Ev0MENTION"));
    const direct = (sql: string) => env.DB.prepare(sql).bind("Ev0MENTION").first<{ n: number }>();
    expect(await direct("SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = ?")).toEqual({ n: 1 });
    expect(await direct("SELECT count(*) AS n FROM executions e JOIN intents i ON i.execution_id = e.id WHERE i.source_item_id = ?")).toEqual({ n: 1 });

    await drive();
    expect(await executionOf("Ev0MENTION")).toMatchObject({ status: "succeeded" });
    const posts = (await standin.requests()).filter((r) => r.path === "/api/chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? "{}")).toMatchObject({ text: "after the outage" });
  });

  it("a repeat arriving after the outbox reached D1 is still a duplicate: nothing more in D1", async () => {
    const again = await post("/webhooks/slack", await slackEvent(slackMention("<@U0BOT> reply after the outage")));
    expect(again.status).toBe(200);
    expect(await rowsOf("Ev0MENTION")).toEqual({ deliveries: 1, intents: 1, executions: 1 });
    expect(await drive()).toEqual([]);
  });
});
