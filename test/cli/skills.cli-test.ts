import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cplane, serverUrl } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

const BUNDLE = 'export default { fetch() { return Response.json({ ok: true }); } };\n';
const TEMPLATE = {
  schemaVersion: 1,
  skill: "clitest/echo",
  version: "1.0.0",
  publisher: "clitest",
  description: "Echoes its input.",
  tools: [
    {
      name: "echo",
      description: "Answer with the given text.",
      input: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
      output: { type: "object", properties: { text: { type: "string" } } },
      risk: "low",
      sideEffect: "none",
      idempotency: "natural",
    },
  ],
  capabilities: ["control-plane.core"],
  egress: ["api.example.com"],
  compatibility: { runtime: "^1.0.0" },
};

test("skills keygen → sign → verify locally, then install (refused until trusted), list and disable on the server", async () => {
  const admin = await newTenant("skills");
  const dir = await mkdtemp(join(tmpdir(), "cplane-skills-"));
  try {
    const keys = join(dir, "keys");
    assert.equal((await cplane(["skills", "keygen", "--out", keys, "--publisher", "clitest"])).code, 0);
    const pubFile = (await readdir(keys)).find((name) => name.endsWith(".pub.json")) ?? "";
    const keyFile = pubFile.replace(/\.pub\.json$/, ".key");
    await writeFile(join(dir, "template.json"), JSON.stringify(TEMPLATE));
    await writeFile(join(dir, "bundle.js"), BUNDLE);
    const manifest = join(dir, "manifest.json");
    const bundle = join(dir, "bundle.js");
    const signed = await cplane(["skills", "sign", "--manifest", join(dir, "template.json"), "--bundle", bundle, "--key", join(keys, keyFile), "--out", manifest]);
    assert.equal(signed.code, 0, signed.stderr);
    const verified = await cplane(["skills", "verify", "--manifest", manifest, "--bundle", bundle, "--pub", join(keys, pubFile)]);
    assert.equal(verified.code, 0, verified.stderr);

    const untrusted = await cplane(["skills", "install", "--manifest", manifest, "--bundle", bundle], admin.env);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stderr, /installing clitest\/echo@1\.0\.0 failed\nserver answered 4\d\d/);

    const pub = JSON.parse(await readFile(join(keys, pubFile), "utf8")) as Record<string, string>;
    const trusted = await fetch(`${serverUrl}/v1/trusted-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.key}`, "content-type": "application/json" },
      body: JSON.stringify({ ...pub, notBefore: "2020-01-01T00:00:00Z", notAfter: "2099-01-01T00:00:00Z" }),
    });
    assert.equal(trusted.status, 201, await trusted.text());

    const installed = await cplane(["skills", "install", "--manifest", manifest, "--bundle", bundle], admin.env);
    assert.equal(installed.code, 0, installed.stderr);
    const skillId = /as (\S+) \(/.exec(installed.stdout)?.[1] ?? "";
    assert.notEqual(skillId, "");

    const list = await cplane(["skills", "list"], admin.env);
    assert.match(list.stdout, new RegExp(`${skillId}\\s+clitest/echo\\s+1\\.0\\.0\\s+active`));

    const disabled = await cplane(["skills", "disable", skillId, "--reason", "cli test"], admin.env);
    assert.equal(disabled.code, 0, disabled.stderr);
    const after = await cplane(["skills", "list", "--status", "disabled"], admin.env);
    assert.match(after.stdout, new RegExp(`${skillId}.*disabled`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
