import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { resetRuntime } from "../setup/reset-runtime.ts";
import { standin } from "../support/standin.ts";

/** A property the test sets on the live instance: gone only if the instance is constructed anew. */
const marked = (instance: object) => instance as { leftByEarlierFile?: string };

describe("the reset between test files (test/setup/fresh-runtime.ts)", () => {
  it("empties every Durable Object's storage and alarm and constructs its instance anew", async () => {
    const stubOf = () => env.EXECUTIONS.get(env.EXECUTIONS.idFromName("left-by-an-earlier-file"));
    await runInDurableObject(stubOf(), async (instance, state) => {
      marked(instance).leftByEarlierFile = "in memory";
      await state.storage.put("leftByEarlierFile", "stored");
      await state.storage.setAlarm(Date.now() + 60_000);
    });

    await resetRuntime();

    // A new stub, as the next file gets: the reset aborted the instance the old one was bound to.
    await runInDurableObject(stubOf(), async (instance, state) => {
      expect(marked(instance).leftByEarlierFile).toBeUndefined();
      expect(await state.storage.get("leftByEarlierFile")).toBeUndefined();
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it("empties D1 and the provider stand-in's log", async () => {
    await env.DB.prepare("INSERT INTO tenants (id, name, created_at) VALUES ('left-behind', 'left behind', '2026-01-01T00:00:00.000Z')").run();
    await env.STANDIN.fetch("http://slack.standin/api/chat.postMessage", { method: "POST", body: "{}" });
    expect(await standin.requests()).toHaveLength(1);
    await resetRuntime();
    expect(await env.DB.prepare("SELECT count(*) AS n FROM tenants").first<{ n: number }>()).toEqual({ n: 0 });
    expect(await standin.requests()).toEqual([]);
  });
});
