import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("channels bindings create, list and delete", async () => {
  const admin = await newTenant("chan");
  const create = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T123"], admin.env);
  const list = await cplane(["channels", "bindings", "list"], admin.env);
  const remove = await cplane(["channels", "bindings", "delete", "--provider", "slack", "--external-id", "T123"], admin.env);
  assert.equal(create.code, 0, create.stderr);
  assert.match(create.stdout, /bound slack T123/);
  assert.match(list.stdout, /slack\s+T123/);
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
  assert.deepEqual((JSON.parse(create.stdout) as { grant: { tools: string[] } }).grant.tools, ["channel.reply"]);
  const badJson = await cplane(["channels", "bindings", "create", "--provider", "slack", "--external-id", "T778", "--constraints", "{not json"], admin.env);
  assert.equal(badJson.code, 2);
  assert.match(badJson.stderr, /--constraints/);
});
