import assert from "node:assert/strict";
import { test } from "node:test";
import { cplane } from "./support/cli.ts";
import { newTenant, submit, waitForStatus } from "./support/tenant.ts";

/** Approval handlers may still answer 501 while governance lands; the CLI must then show that problem and exit 1. */
function assertDoneOrNotImplemented(result: { code: number; stdout: string; stderr: string }, done: RegExp): void {
  if (result.code === 0) assert.match(result.stdout, done);
  else {
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /501.*NOT_IMPLEMENTED/);
  }
}

test("approvals list, approve (single), reject --all-pending against a held medium-risk step", async () => {
  const admin = await newTenant("appr");
  const held = await submit(admin, "post #general deploy is done");
  await waitForStatus(admin, held.executionId, ["waiting_approval"]);

  const list = await cplane(["approvals", "list"], admin.env);
  assertDoneOrNotImplemented(list, new RegExp(`${held.executionId}\\s+st_`));

  const approve = await cplane(["approvals", "approve", held.executionId], admin.env);
  if (list.code === 0) assertDoneOrNotImplemented(approve, /approved .* 1\/1 approvals/);
  else assert.equal(approve.code, 1);

  const other = await submit(admin, "post #general second");
  await waitForStatus(admin, other.executionId, ["waiting_approval"]);
  const reject = await cplane(["approvals", "reject", "--all-pending", "--comment", "not now"], admin.env);
  assertDoneOrNotImplemented(reject, new RegExp(`${other.executionId}\\s+st_[0-9a-f]+\\s+ok`));
});

test("approve with nothing named is a usage error; a malformed target too", async () => {
  const admin = await newTenant("appr-usage");
  assert.equal((await cplane(["approvals", "approve"], admin.env)).code, 2);
  const bad = await cplane(["approvals", "approve", "a:b:c"], admin.env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /expected <executionId> or <executionId>:<stepId>/);
});
