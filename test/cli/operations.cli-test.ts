import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane, cplaneJson } from "./support/cli.ts";
import { newTenant, submit, waitForStatus } from "./support/tenant.ts";

test("intents submit --wait follows the execution to its end and exits 0 only when it succeeded", async () => {
  const admin = await newTenant("ops-submit");
  const run = await cplane(["intents", "submit", "--wait", "--timeout", "30", "reply", "hello"], admin.env);
  const id = /execution (ex_[0-9a-f]+)/.exec(run.stderr)?.[1];
  assert.ok(id !== undefined, run.stderr);
  const status = ((await cplaneJson(["executions", "get", id], admin.env)) as { status: string }).status;
  assert.ok(["succeeded", "failed", "rejected", "cancelled"].includes(status), `ended: ${status}`);
  assert.equal(run.code, status === "succeeded" ? 0 : 1, run.stderr);
  assert.match(run.stderr, new RegExp(`${id}: ${status}`));
});

test("executions cancel stops a held execution; watch reports it and exits 1 because it did not succeed", async () => {
  const admin = await newTenant("ops-cancel");
  const held = await submit(admin, "post #general hold this");
  await waitForStatus(admin, held.executionId, ["waiting_approval"]);
  const cancel = await cplane(["executions", "cancel", held.executionId, "--reason", "cli test"], admin.env);
  assert.equal(cancel.code, 0, cancel.stderr);
  assert.match(cancel.stdout, new RegExp(`${held.executionId}: cancelled`));
  const watch = await cplane(["executions", "watch", held.executionId, "--timeout", "5", "--interval", "0.2"], admin.env);
  assert.equal(watch.code, 1);
  assert.match(watch.stderr, /: cancelled/);
});

test("principals list, groups members add and remove", async () => {
  const admin = await newTenant("ops-groups");
  const { items } = (await cplaneJson(["principals", "list"], admin.env)) as { items: { principalId: string }[] };
  const [me] = items;
  assert.ok(me !== undefined);
  const add = await cplane(["groups", "members", "add", "reviewers", me.principalId], admin.env);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, new RegExp(`added ${me.principalId} to reviewers \\(1 members\\)`));
  const listed = await cplane(["principals", "list"], admin.env);
  assert.match(listed.stdout, /reviewers/);
  const remove = await cplane(["groups", "members", "remove", "reviewers", me.principalId], admin.env);
  assert.equal(remove.code, 0, remove.stderr);
  assert.match(remove.stdout, /\(0 members\)/);
});

test("trusted-keys list; revoke refuses to run unasked without --yes; skill-revocations create", async () => {
  const admin = await newTenant("ops-trust");
  const list = await cplane(["trusted-keys", "list"], admin.env);
  assert.equal(list.code, 0, list.stderr);
  const unasked = await cplane(["trusted-keys", "revoke", "pk_nothing", "--reason", "test"], admin.env);
  assert.equal(unasked.code, 2);
  assert.match(unasked.stderr, /--yes/);
  const revoke = await cplane(["skill-revocations", "create", "acme/greeter", "1.0.0", "--reason", "cli test"], admin.env);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.match(revoke.stdout, /revoked acme\/greeter@1\.0\.0/);
});

test("--version and completion", async () => {
  assert.match((await cplane(["--version"])).stdout, /^\d+\.\d+\.\d+\n$/);
  const bash = await cplane(["completion", "bash"]);
  assert.match(bash.stdout, /"executions"\) opts="list get replay cancel confirm watch --help"/);
  assert.equal((await cplane(["completion", "fish"])).code, 2);
});
