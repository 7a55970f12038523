import assert from "node:assert/strict";
import { test } from "node:test";
import { bootstrapToken, cplane, cplaneJson, serverUrl } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("bootstrap prints the new admin key once; a second bootstrap is refused with the server's code", async () => {
  const env = { CPLANE_URL: serverUrl, CPLANE_BOOTSTRAP_TOKEN: bootstrapToken };
  const first = await cplane(["bootstrap", "--tenant", "cli-boot"], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /key:\s+cpk_/);
  assert.match(first.stdout, /shown only once/);
  const again = await cplane(["bootstrap", "--tenant", "cli-boot"], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /409.*ALREADY_BOOTSTRAPPED/);
});

test("bootstrap without a token is a usage error", async () => {
  const result = await cplane(["bootstrap", "--tenant", "x"], { CPLANE_URL: serverUrl });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /CPLANE_BOOTSTRAP_TOKEN/);
});

test("keys create, list and revoke; a revoked key no longer authenticates", async () => {
  const admin = await newTenant("keys");
  const created = (await cplaneJson(["keys", "create", "--name", "ci", "--capability", "control-plane.core"], admin.env)) as { keyId: string; key: string };
  assert.match(created.key, /^cpk_/);

  const listed = await cplane(["keys", "list"], admin.env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /KEY ID\s+NAME/);
  assert.match(listed.stdout, new RegExp(`${created.keyId}\\s+ci\\s`));
  assert.doesNotMatch(listed.stdout, new RegExp(created.key));

  const asCi = { CPLANE_URL: serverUrl, CPLANE_KEY: created.key };
  assert.equal((await cplane(["executions", "list"], asCi)).code, 0);

  const revoked = await cplane(["keys", "revoke", created.keyId], admin.env);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(revoked.stdout, new RegExp(`revoked ${created.keyId} \\(ci\\)`));

  const refused = await cplane(["executions", "list"], asCi);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /server answered 401/);

  const all = (await cplaneJson(["keys", "list", "--all"], admin.env)) as { items: { keyId: string; revokedAt: string | null }[] };
  assert.ok(all.items.some((k) => k.keyId === created.keyId && k.revokedAt !== null));
});

test("a refused field shows the server's problem with field paths", async () => {
  const admin = await newTenant("keys-bad");
  const result = await cplane(["keys", "create", "--name", "x", "--capability", "Not A Capability"], admin.env);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /server answered (400|422)/);
  assert.match(result.stderr, /capabilities/);
});

test("keys create --tools narrows every capability granted", async () => {
  const admin = await newTenant("keys-narrow");
  const created = (await cplaneJson(["keys", "create", "--name", "replies-only", "--capability", "control-plane.core", "--tools", "channel.reply", "--channels", "slack"], admin.env)) as {
    grants: { capability: string; tools: string[] | null; channels: string[] | null; constraints: unknown[] | null }[];
  };
  assert.deepEqual(created.grants, [{ capability: "control-plane.core", tools: ["channel.reply"], channels: ["slack"], constraints: null }]);
});
