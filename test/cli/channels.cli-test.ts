import assert from "node:assert/strict";
import { test } from "node:test";
import { bindDelivery } from "../support/confirm-binding.ts";
import { cplane, slackSigningSecret } from "./support/cli.ts";
import { newTenant, send } from "./support/tenant.ts";

test("channels bindings create prints the code and how to confirm it; the signed /cp bind confirms; list and delete", async () => {
  const admin = await newTenant("chan");
  const create = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T123"], admin.env);
  assert.equal(create.code, 0, create.stderr);
  assert.match(create.stdout, /claimed slack T123 to tenant chan-[0-9a-f]+: pending until confirmed from inside the channel/);
  const code = /confirm with:\s+\/cp bind ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(create.stdout)?.[1];
  assert.ok(code, create.stdout);
  assert.match(create.stdout, /slash command/);
  assert.match((await cplane(["channels", "bindings", "list"], admin.env)).stdout, /slack\s+T123\s+\S+\s+pending/);

  const delivery = await bindDelivery({ provider: "slack", externalId: "T123" }, code, { SLACK_SIGNING_SECRET: slackSigningSecret });
  assert.equal((await send(delivery.path, delivery.init)).status, 200);
  assert.match((await cplane(["channels", "bindings", "list"], admin.env)).stdout, /slack\s+T123\s+\S+\s+confirmed/);
  const again = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T123"], admin.env);
  assert.match(again.stdout, /bound slack T123 to tenant \S+ \(confirmed\)/);

  const remove = await cplane(["channels", "bindings", "delete", "--provider", "slack", "--external-id", "T123"], admin.env);
  assert.equal(remove.code, 0, remove.stderr);
  const after = await cplane(["channels", "bindings", "list"], admin.env);
  assert.doesNotMatch(after.stdout, /slack\s+T123/);
  const bad = await cplane(["channels", "bindings", "create", "--provider", "telegram", "--external-id", "x"], admin.env);
  assert.equal(bad.code, 2);
});

test("channels bindings create --tools narrows what traffic through the binding may run", async () => {
  const admin = await newTenant("chan-grant");
  const create = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T777", "--tools", "channel.reply", "--json"], admin.env);
  assert.equal(create.code, 0, create.stderr);
  const out = JSON.parse(create.stdout) as { grant: { tools: string[] }; status: string; confirmation: { code: string } };
  assert.deepEqual(out.grant.tools, ["channel.reply"]);
  assert.equal(out.status, "pending");
  assert.match(out.confirmation.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const badJson = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T778", "--constraints", "{not json"], admin.env);
  assert.equal(badJson.code, 2);
  assert.match(badJson.stderr, /--constraints/);
});
