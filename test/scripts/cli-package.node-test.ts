import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { buildCli } from "../../scripts/build-cli.ts";

/** The packed CLI, installed from its tarball into an empty folder with no registry (`--offline`), runs on this Node. */
const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "cplane-pack-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    // `node` on PATH is this Node (22), as the bin's shebang (`env node`) will look it up.
    env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`, npm_config_update_notifier: "false" },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

test("npm pack gives a tarball that installs offline into an empty folder and runs cplane", async () => {
  const packageDir = await buildCli();
  const pack = run("npm", ["pack", packageDir, "--pack-destination", dir, "--json"], ROOT);
  assert.equal(pack.status, 0, pack.err);
  const [packed] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
  assert.ok(packed !== undefined);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), ["dist/cplane.js", "package.json"]);

  const app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "empty", "private": true }\n');
  const install = run("npm", ["install", "--offline", "--no-audit", "--no-fund", join(dir, packed.filename)], app);
  assert.equal(install.status, 0, install.err);

  const cplane = join(app, "node_modules", ".bin", "cplane");
  const version = run(cplane, ["--version"], app);
  assert.equal(version.status, 0, version.err);
  assert.equal(version.out.trim(), (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);

  const help = run(cplane, ["--help"], app);
  assert.match(help.out, /approvals/);
  assert.match(run(cplane, ["completion", "bash"], app).out, /complete -F _cplane cplane/);
  // Talks to nothing listening: a clean network error from the bundled client, not a missing module.
  const unreachable = run(cplane, ["executions", "list", "--url", "http://127.0.0.1:9", "--key", "cp_x"], app);
  assert.notEqual(unreachable.status, 0);
  assert.doesNotMatch(unreachable.err, /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/);
});
