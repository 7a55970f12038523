import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "../../contracts/intent.ts";
import { drive } from "../channels/e2e/support.ts";
import { type Admin, bootstrap, call, createKey } from "../support/api.ts";

const TENANT = "req-property";

interface Key {
  key: string;
  keyId: string;
  actor: Actor;
}

let admin: Admin;
let keys: Key[];

/** A principal of a given type, as an admin would have it (the API creates only services and the bootstrap human). */
async function principal(id: string, type: Actor["type"], identity: string | null): Promise<void> {
  await env.DB.prepare("INSERT INTO principals (id, tenant_id, type, display_name, channel_identity, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, TENANT, type, id, identity, new Date().toISOString())
    .run();
}

async function keyFor(principalId: string, type: Actor["type"]): Promise<Key> {
  const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: principalId, capabilities: ["control-plane.core"], principalId } });
  if (res.status !== 201) throw new Error(`key create failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { key: string; keyId: string };
  return { key: body.key, keyId: body.keyId, actor: { type, id: principalId } };
}

beforeAll(async () => {
  admin = await bootstrap(TENANT);
  const service = await createKey(admin, ["control-plane.core"]);
  await principal("pr_prop_agent", "agent", null);
  await principal("pr_prop_person", "human", "slack:T1:UPROP");
  keys = [
    { key: admin.key, keyId: admin.keyId, actor: { type: "human", id: admin.principalId } },
    { key: service.key, keyId: service.keyId, actor: { type: "service", id: service.principalId } },
    await keyFor("pr_prop_agent", "agent"),
    await keyFor("pr_prop_person", "human"),
    await keyFor(admin.principalId, "human"),
  ];
});

const actorType = fc.constantFrom<Actor["type"]>("human", "service", "agent", "tool");
/** What a body may claim: nothing, the caller itself, another key's principal, the caller under another type, anyone. */
const claim = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.constant({ kind: "self" as const }),
  fc.nat({ max: 4 }).map((i) => ({ kind: "other-key" as const, i })),
  actorType.map((type) => ({ kind: "self-as" as const, type })),
  fc.record({ type: actorType, id: fc.oneof(fc.constantFrom("slack:T1:USOMEONE", "slack:T1:UPROP", "github:1", "pr_prop_person"), fc.stringMatching(/^[a-z0-9:_]{1,20}$/)) }).map((actor) => ({ kind: "any" as const, actor })),
);

type Claim = typeof claim extends fc.Arbitrary<infer T> ? T : never;

function claimed(c: Claim, caller: Key): Actor | undefined {
  switch (c.kind) {
    case "none":
      return undefined;
    case "self":
      return caller.actor;
    case "other-key":
      return keys[c.i]?.actor;
    case "self-as":
      return { type: c.type, id: caller.actor.id };
    case "any":
      return c.actor;
  }
}

interface Accepted {
  executionId: string;
  caller: Key;
}

it("over random API requests no execution's requester differs from the authenticated principal", async () => {
  const accepted: Accepted[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: 4 }),
      claim,
      fc.constantFrom("submit", "start"),
      fc.constantFrom("reply hi", "close acme/web#1", "label acme/web#2 bug"),
      fc.constantFrom("api", "cli"),
      async (keyIndex, c, route, text, channel) => {
        const caller = keys[keyIndex];
        if (caller === undefined) throw new Error("no key");
        const actor = claimed(c, caller);
        const isCaller = actor === undefined || (actor.id === caller.actor.id && actor.type === caller.actor.type);
        let res: Response;
        if (route === "submit") {
          res = await call("POST", "/v1/intents", { key: caller.key, body: { channel, replyTo: { kind: "none" }, text, ...(actor === undefined ? {} : { actor }) } });
        } else {
          const preview = (await (await call("POST", "/v1/plans/compile", { key: caller.key, body: { channel, text } })).json()) as { intent: Record<string, unknown>; plan: { digest: string } };
          const intent = actor === undefined ? preview.intent : { ...preview.intent, actor };
          res = await call("POST", "/v1/executions", { key: caller.key, body: { intent, expectedDigest: preview.plan.digest } });
        }
        if (!isCaller) {
          expect(res.status).toBe(400);
          expect(((await res.json()) as { code: string }).code).toBe("ACTOR_NOT_CALLER");
          return;
        }
        expect(res.status).toBe(202);
        accepted.push({ executionId: ((await res.json()) as { executionId: string }).executionId, caller });
      },
    ),
    { numRuns: 30 },
  );

  expect(accepted.length).toBeGreaterThan(0);
  // Every recorded intent of the tenant names the key that sent it, and its actor is that key's principal.
  const { results } = await env.DB.prepare(
    "SELECT i.execution_id, i.actor_type, i.actor_id, i.body, k.principal_id, p.type FROM intents i " +
      "JOIN api_keys k ON k.id = json_extract(i.body, '$.submittedBy.keyId') JOIN principals p ON p.id = k.principal_id WHERE i.tenant_id = ?",
  )
    .bind(TENANT)
    .all<{ execution_id: string; actor_type: string; actor_id: string; principal_id: string; type: string }>();
  const total = await env.DB.prepare("SELECT count(*) AS n FROM intents WHERE tenant_id = ?").bind(TENANT).first<{ n: number }>();
  expect(results).toHaveLength(total?.n ?? -1);
  expect(results).toHaveLength(accepted.length);
  for (const row of results) expect([row.actor_type, row.actor_id]).toEqual([row.type, row.principal_id]);

  // And the executions, once started, hold that principal as their requester.
  await drive();
  for (const a of accepted) {
    const view = (await (await call("GET", `/v1/executions/${a.executionId}`, { key: admin.key })).json()) as { actor: Actor };
    expect(view.actor).toEqual(a.caller.actor);
  }
}, 120_000);
