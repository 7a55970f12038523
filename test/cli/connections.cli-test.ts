import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("connections install prints the Slack consent link with a state; list shows none yet; remove of an unknown install refuses", async () => {
  const admin = await newTenant("conn");
  const install = await cplane(["connections", "install", "--provider", "slack"], admin.env);
  assert.equal(install.code, 0, install.stderr);
  const link = new URL(install.stdout.trim());
  assert.equal(`${link.origin}${link.pathname}`, "https://slack.com/oauth/v2/authorize");
  assert.equal(link.searchParams.get("client_id"), "cli-test-client");
  assert.match(link.searchParams.get("state") ?? "", /^[\w-]+\.\d+\.[\w-]+$/);

  const github = await cplane(["connections", "install", "--provider", "github"], admin.env);
  assert.equal(github.code, 1);
  assert.match(github.stderr, /404/);

  assert.match((await cplane(["connections", "list"], admin.env)).stdout, /no connections/);
  const remove = await cplane(["connections", "remove", "--provider", "slack", "--external-id", "T404"], admin.env);
  assert.equal(remove.code, 1);
  assert.match(remove.stderr, /CONNECTION_NOT_FOUND/);
  const noSecret = await cplane(["connections", "whatsapp", "--provider", "meta", "--phone-number-id", "12345", "--secret-env", "CPLANE_UNSET_FOR_TEST"], admin.env);
  assert.equal(noSecret.code, 2);
});
