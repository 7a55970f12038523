import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cplane, cplaneJson } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("policy show, publish, activate, list and explain", async () => {
  const admin = await newTenant("pol");
  const shown = (await cplaneJson(["policy", "show"], admin.env)) as { version: string; document: { rules: { id: string }[] } };
  assert.equal(shown.version, "default-1");
  const human = await cplane(["policy", "show"], admin.env);
  assert.match(human.stdout, /version:\s+default-1 \(active\)/);

  const dir = await mkdtemp(join(tmpdir(), "cplane-policy-"));
  try {
    const file = join(dir, "policy.json");
    await writeFile(file, JSON.stringify({ ...shown.document, name: "cli-test/policy" }));
    const published = await cplane(["policy", "publish", file], admin.env);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /published version 1/);

    const unsafe = join(dir, "unsafe.json");
    await writeFile(unsafe, JSON.stringify({ ...shown.document, rules: [{ id: "yolo", match: { risks: ["high"] }, effect: "allow" }] }));
    const refused = await cplane(["policy", "publish", unsafe], admin.env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /POLICY_HIGH_RISK_AUTONOMOUS/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const activated = await cplane(["policy", "activate", "1", "--reason", "cli test"], admin.env);
  assert.equal(activated.code, 0, activated.stderr);
  assert.match(activated.stdout, /activated version 1/);
  const list = await cplane(["policy", "list"], admin.env);
  assert.match(list.stdout, /^1\s+yes\s+cli-test\/policy/m);

  const explain = await cplane(["policy", "explain", "--tool", "slack.message.post", "--input", '{"channel":"#general","text":"hi"}'], admin.env);
  if (explain.code === 0) assert.match(explain.stdout, /verdict:\s+\w+/);
  else {
    assert.equal(explain.code, 1);
    assert.match(explain.stderr, /server answered 404: UNKNOWN_TOOL/);
  }
  const missing = await cplane(["policy", "activate", "99"], admin.env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /POLICY_NOT_FOUND/);
});
