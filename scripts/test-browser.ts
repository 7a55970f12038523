import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, launchChromium } from "../test/browser/chromium.ts";
import { runScenario } from "../test/browser/scenario.ts";
import { startStandin } from "../test/browser/standin.ts";
import { setStage } from "../test/browser/tenant.ts";
import { migrate, startLocalWorker } from "../test/cli/support/worker.ts";

/**
 * `npm run test:browser`: the dashboard in headless Debian Chromium against one local Worker (wrangler,
 * local D1/DOs) whose providers point at a local stand-in. `--screenshots` writes the pages to docs/images.
 */
const BOOTSTRAP_TOKEN = "browser-test-bootstrap-token";
/** The stage confirms its Slack team as Slack would (a signed `/cp bind <code>`). */
const SLACK_SIGNING_SECRET = "browser-test-slack-signing-secret";
const started = Date.now();
const log = (line: string) => process.stderr.write(`test:browser: ${line} (${Date.now() - started} ms)\n`);
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);

const persistDir = mkdtempSync(join(tmpdir(), "cplane-browser-test-"));
const shots = process.argv.includes("--screenshots") ? join(import.meta.dirname, "../docs/images") : persistDir;
const standin = await startStandin();
let failed = true;
try {
  await migrate(persistDir);
  const worker = await startLocalWorker(persistDir, {
    ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    SLACK_SIGNING_SECRET,
    APPROVAL_SIGNING_KEY: "browser-test-approval-signing-key",
    SLACK_API_URL: `${standin.url}/api`,
    SLACK_BOT_TOKEN: "xoxb-browser-test",
    GITHUB_API_URL: standin.url,
    GITHUB_TOKEN: "ghp_browser_test",
    PUBLIC_BASE_URL: "http://127.0.0.1",
    CONTRACT_OUTPUT_CHECK: "strict",
  });
  try {
    log(`Worker ready at ${worker.url}`);
    const browser = await launchChromium();
    try {
      const stage = await setStage(worker.url, BOOTSTRAP_TOKEN, SLACK_SIGNING_SECRET);
      await runScenario(browser, { base: worker.url, stage, standin: standin.requests, shots, log });
      failed = false;
    } finally {
      await browser.close();
    }
  } finally {
    await worker.dispose();
  }
} catch (err) {
  process.stderr.write(`test:browser: FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
} finally {
  await standin.close();
  rmSync(persistDir, { recursive: true, force: true });
}
log(failed ? "failed" : "passed");
process.exitCode = failed ? 1 : 0;
