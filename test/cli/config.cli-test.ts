import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cplane, serverUrl } from "./support/cli.ts";
import { newTenant } from "./support/tenant.ts";

test("configuration comes from the config file, and flags override it", async () => {
  const admin = await newTenant("cfg");
  const dir = await mkdtemp(join(tmpdir(), "cplane-config-"));
  try {
    const file = join(dir, "cplane", "config.json");
    await writeFile(join(dir, "placeholder"), "");
    await import("node:fs/promises").then((fs) => fs.mkdir(join(dir, "cplane")));
    await writeFile(file, JSON.stringify({ url: serverUrl, key: admin.key }));
    const fromFile = await cplane(["executions", "list"], { XDG_CONFIG_HOME: dir });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /no executions/);
    const badKey = await cplane(["executions", "list", "--key", "cpk_wrong_key_0000000000000"], { XDG_CONFIG_HOME: dir });
    assert.equal(badKey.code, 1);
    assert.match(badKey.stderr, /401/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("exit codes: 2 without configuration or with a clear-text remote URL, 3 when the server cannot be reached", async () => {
  const none = await cplane(["executions", "list"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /CPLANE_URL and CPLANE_KEY/);
  const remote = await cplane(["executions", "list"], { CPLANE_URL: "http://example.com", CPLANE_KEY: "k" });
  assert.equal(remote.code, 2);
  assert.match(remote.stderr, /https/);
  const down = await cplane(["executions", "list"], { CPLANE_URL: "http://127.0.0.1:9", CPLANE_KEY: "k" });
  assert.equal(down.code, 3);
  assert.match(down.stderr, /cannot reach/);
  const unknown = await cplane(["executions", "nope"]);
  assert.equal(unknown.code, 2);
});
