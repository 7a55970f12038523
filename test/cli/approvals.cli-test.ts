import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane } from "./support/cli.ts";
import { newTenant, submit, waitForStatus } from "./support/tenant.ts";

function assertDone(result: { code: number; stdout: string; stderr: string }, done: RegExp): void {
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, done);
}

test("approvals list, approve (single), reject --all-pending against a held medium-risk step", async () => {
  const admin = await newTenant("appr");
  const held = await submit(admin, "post #general deploy is done");
  await waitForStatus(admin, held.executionId, ["waiting_approval"]);

  const list = await cplane(["approvals", "list"], admin.env);
  assertDone(list, new RegExp(`${held.executionId}\\s+st_`));

  const approve = await cplane(["approvals", "approve", held.executionId], admin.env);
  assertDone(approve, /approved .* 1\/1 approvals/);

  const other = await submit(admin, "post #general second");
  await waitForStatus(admin, other.executionId, ["waiting_approval"]);
  const reject = await cplane(["approvals", "reject", "--all-pending", "--yes", "--comment", "not now"], admin.env);
  assertDone(reject, new RegExp(`${other.executionId}\\s+st_[0-9a-f]+\\s+ok`));
});

test("approve with nothing named is a usage error; a malformed target too", async () => {
  const admin = await newTenant("appr-usage");
  assert.equal((await cplane(["approvals", "approve"], admin.env)).code, 2);
  const bad = await cplane(["approvals", "approve", "a:b:c"], admin.env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /expected <executionId> or <executionId>:<stepId>/);
});
