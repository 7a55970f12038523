import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { approvalRoutes } from "../../workers/approvals/routes.ts";
import { signApprovalToken } from "../../workers/approvals/token.ts";

const OLD_KEY = "approval-signing-key-before-rotation";
const NEW_KEY = "approval-signing-key-after-rotation";

async function linkSignedWith(key: string): Promise<string> {
  const token = await signApprovalToken(key, {
    v: 1,
    tenantId: "rotation",
    executionId: "ex_00000000000000000000000000000000",
    stepId: "st_000000000000000000000000",
    principalId: "pr_rotation",
    actionDigest: "0".repeat(64),
    exp: Math.floor(Date.now() / 1000) + 600,
    jti: crypto.randomUUID(),
  });
  return `/approve/${token}`;
}

// A verified token about an execution that does not exist answers 410 (nothing to decide); an unverified one 403.
it("an approval link signed with APPROVAL_SIGNING_KEY_PREVIOUS verifies during a rotation, and stops once it is removed", async () => {
  const app = approvalRoutes();
  const oldLink = await linkSignedWith(OLD_KEY);
  const rotating = { ...env, APPROVAL_SIGNING_KEY: NEW_KEY, APPROVAL_SIGNING_KEY_PREVIOUS: OLD_KEY };
  expect((await app.request(oldLink, {}, rotating)).status).toBe(410);
  expect((await app.request(await linkSignedWith(NEW_KEY), {}, rotating)).status).toBe(410);

  const rotated = { ...env, APPROVAL_SIGNING_KEY: NEW_KEY, APPROVAL_SIGNING_KEY_PREVIOUS: "" };
  const refused = await app.request(oldLink, {}, rotated);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { code: string }).code).toBe("TOKEN_INVALID");
  // A key that was never current or previous is refused during the rotation too.
  expect((await app.request(await linkSignedWith("some-other-key-entirely"), {}, rotating)).status).toBe(403);
});
