import assert from "node:assert/strict";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cplane, cplaneJson } from "./support/cli.ts";
import { newTenant, submit, waitForStatus } from "./support/tenant.ts";

test("executions list/get, trace get/verify/export and replay of a completed execution", async () => {
  const admin = await newTenant("exec");
  const run = await submit(admin, "reply hello from the cli test");
  await waitForStatus(admin, run.executionId, ["succeeded"]);

  const list = await cplane(["executions", "list", "--status", "succeeded"], admin.env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`${run.executionId}\\s+succeeded`));

  const get = await cplane(["executions", "get", run.executionId], admin.env);
  assert.equal(get.code, 0, get.stderr);
  assert.match(get.stdout, /status:\s+succeeded/);
  assert.match(get.stdout, /succeeded\s+autonomous \(low\)/);

  const trace = await cplane(["trace", "get", run.traceId], admin.env);
  assert.equal(trace.code, 0, trace.stderr);
  assert.match(trace.stdout, /chain \(server\):\s+valid/);
  assert.match(trace.stdout, /execution\.completed/);

  const verify = await cplane(["trace", "verify", run.traceId], admin.env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /local:\s+valid/);

  const dir = await mkdtemp(join(tmpdir(), "cplane-export-"));
  try {
    const out = join(dir, "trace.json");
    const exported = await cplane(["trace", "export", run.traceId, "--out", out], admin.env);
    assert.equal(exported.code, 0, exported.stderr);
    const document = JSON.parse(await readFile(out, "utf8")) as { events: { payload?: unknown }[] };
    assert.ok(document.events.length >= 5);
    assert.ok(document.events.every((e) => e.payload !== undefined));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const replay = await cplane(["replay", run.executionId], admin.env);
  assert.equal(replay.code, 0, replay.stderr);
  assert.match(replay.stdout, /consistent/);

  const all = await cplane(["replay", "--all", "--status", "succeeded"], admin.env);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /1\/1 consistent/);
  assert.match(all.stderr, /\[#+\] 1\/1/);
});

test("unknown ids answer 404 with the server's code, exit 1; --json prints the problem document", async () => {
  const admin = await newTenant("exec-missing");
  const get = await cplane(["executions", "get", "ex_missing"], admin.env);
  assert.equal(get.code, 1);
  assert.match(get.stderr, /server answered 404/);
  const json = await cplane(["trace", "get", "tr_missing", "--json"], admin.env);
  assert.equal(json.code, 1);
  assert.equal((JSON.parse(json.stdout) as { status: number }).status, 404);
});

test("executions replay <id>, and --live without a planner model (MODEL_NOT_CONFIGURED) or with --all (usage)", async () => {
  const admin = await newTenant("exec-live");
  const run = await submit(admin, "reply hello from the live replay test");
  await waitForStatus(admin, run.executionId, ["succeeded"]);
  const replay = await cplane(["executions", "replay", run.executionId], admin.env);
  assert.equal(replay.code, 0, replay.stderr);
  assert.match(replay.stdout, /consistent/);
  const live = await cplane(["executions", "replay", run.executionId, "--live"], admin.env);
  assert.equal(live.code, 1);
  assert.match(live.stderr, /MODEL_NOT_CONFIGURED/);
  const all = await cplane(["replay", "--all", "--live"], admin.env);
  assert.equal(all.code, 2);
  assert.match(all.stderr, /--live replays one execution/);
});

test("replay needs an id or --all (usage, exit 2)", async () => {
  const admin = await newTenant("exec-usage");
  const result = await cplane(["replay"], admin.env);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--all/);
  const list = (await cplaneJson(["executions", "list"], admin.env)) as { items: unknown[] };
  assert.deepEqual(list.items, []);
});
