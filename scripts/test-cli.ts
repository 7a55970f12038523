import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStandin } from "../test/cli/support/standin.ts";
import { migrate, startLocalWorker } from "../test/cli/support/worker.ts";

/**
 * `npm run test:cli`: one local Worker (wrangler, local D1/R2/DOs/queues) with test secrets and the providers
 * pointed at a local stand-in, then every test/cli/*.cli-test.ts under node:test, each running `cplane` as a
 * child process against it. Prints the test runner's summary; cleans up its Worker, server and temp dir.
 */
const BOOTSTRAP_TOKEN = "cli-test-bootstrap-token";
/** Lets the tests confirm channel bindings as Slack would: a signed `/cp bind <code>`. */
const SLACK_SIGNING_SECRET = "cli-test-slack-signing-secret";
const started = Date.now();
const persistDir = mkdtempSync(join(tmpdir(), "cplane-cli-test-"));
const standin = await startStandin();
let exitCode = 1;
try {
  await migrate(persistDir);
  const worker = await startLocalWorker(persistDir, {
    ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    SLACK_SIGNING_SECRET,
    APPROVAL_SIGNING_KEY: "cli-test-approval-signing-key",
    SLACK_API_URL: `${standin.url}/api`,
    SLACK_BOT_TOKEN: "xoxb-cli-test",
    GITHUB_API_URL: standin.url,
    GITHUB_TOKEN: "ghp_cli_test",
    PUBLIC_BASE_URL: "http://127.0.0.1",
    // `cplane connections install` prints the consent link; nothing calls Slack until the callback.
    SLACK_CLIENT_ID: "cli-test-client",
    SLACK_CLIENT_SECRET: "cli-test-client-secret",
    CONTRACT_OUTPUT_CHECK: "strict",
  });
  try {
    process.stderr.write(`test:cli: Worker ready at ${worker.url} after ${Date.now() - started} ms\n`);
    const dir = join(import.meta.dirname, "../test/cli");
    // `node scripts/test-cli.ts <word>…` runs only the files whose names contain one of the words.
    const only = process.argv.slice(2);
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(".cli-test.ts") && (only.length === 0 || only.some((word) => name.includes(word))))
      .sort()
      .map((name) => join(dir, name));
    exitCode = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["--test", "--test-concurrency=3", ...files], {
        stdio: "inherit",
        env: { ...process.env, CPLANE_TEST_URL: worker.url, CPLANE_TEST_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN, CPLANE_TEST_SLACK_SIGNING_SECRET: SLACK_SIGNING_SECRET, NODE_COMPILE_CACHE: join(persistDir, "compile-cache") },
      });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  } finally {
    await worker.dispose();
  }
} finally {
  await standin.close();
  rmSync(persistDir, { recursive: true, force: true });
}
process.stderr.write(`test:cli: finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = exitCode;
