import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { StandinRequest } from "./standin.ts";
import { type Stage, submit, waitForStatus } from "./tenant.ts";

export interface ScenarioOptions {
  base: string;
  stage: Stage;
  standin: StandinRequest[];
  /** Where screenshots go (docs/images when refreshing them, a temp dir otherwise). */
  shots: string;
  log: (line: string) => void;
}

async function signIn(browser: Browser, base: string, key: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${base}/dashboard`);
  assert.equal(new URL(page.url()).pathname, "/dashboard/login", "an anonymous visit lands on the login form");
  await page.fill('input[name="key"]', key);
  await Promise.all([page.waitForURL(`${base}/dashboard/approvals`), page.click('button[type="submit"]')]);
  return page;
}

/**
 * A requester (no approval rights) asks to close an issue; high risk needs two approvers. Each signs in
 * in a browser context of its own, finds the step in the queue, opens its DAG and approves; the
 * execution then completes, the stand-in gets the call, and the execution page shows a verified chain.
 */
export async function runScenario(browser: Browser, o: ScenarioOptions): Promise<void> {
  const { base, stage, log } = o;
  const { executionId } = await submit(base, stage.requester, "close acme/app#1");
  await waitForStatus(base, stage.admin, executionId, "waiting_approval");
  log(`submitted ${executionId}; waiting for approval`);

  const bad = await (await browser.newContext()).newPage();
  await bad.goto(`${base}/dashboard/login`);
  await bad.screenshot({ path: join(o.shots, "dashboard-login.png") });
  await bad.fill('input[name="key"]', "cpk_00000000_not-a-key");
  await bad.click('button[type="submit"]');
  await bad.getByText("That API key is not valid.").waitFor();
  log("a bad key is refused");

  const ann = await signIn(browser, base, stage.approvers[0]);
  const cookie = (await ann.context().cookies()).find((c) => c.name === "cp_dashboard");
  assert.ok(cookie?.httpOnly && cookie.secure && cookie.sameSite === "Strict", "session cookie is HttpOnly, Secure, SameSite=Strict");
  const row = ann.locator(`tr:has(a[href="/dashboard/executions/${executionId}"])`);
  assert.equal(await row.locator("td").first().innerText(), "high", "the queue shows the step as high risk");
  await ann.screenshot({ path: join(o.shots, "dashboard-approvals.png"), fullPage: true });
  log("approver 1 sees the pending high-risk step");

  await ann.click(`a[href="/dashboard/executions/${executionId}"]`);
  const node = ann.locator('svg g.step[data-state="waiting_approval"]');
  await node.waitFor();
  assert.match(await node.innerHTML(), /approval_required \(high\)/, "the DAG node shows its verdict");
  await ann.screenshot({ path: join(o.shots, "dashboard-execution-waiting.png"), fullPage: true });
  log("approver 1 opens the DAG: step waiting_approval, approval_required (high)");

  await ann.goto(`${base}/dashboard/approvals`);
  await Promise.all([ann.waitForURL(/notice=/), row.locator('button[value="approve"]').click()]);
  await ann.getByText("1 of 2 approvals").waitFor();
  log("approver 1 approves: 1 of 2");

  const bob = await signIn(browser, base, stage.approvers[1]);
  await Promise.all([bob.waitForURL(/notice=/), bob.locator(`tr:has(a[href="/dashboard/executions/${executionId}"]) button[value="approve"]`).click()]);
  await bob.getByText("2 of 2 approvals").waitFor();
  log("approver 2 approves: 2 of 2");

  await waitForStatus(base, stage.admin, executionId, "succeeded");
  await bob.goto(`${base}/dashboard/executions/${executionId}`);
  assert.equal(await bob.locator("#execution-status").innerText(), "succeeded");
  await bob.locator('svg g.step[data-state="succeeded"]').waitFor();
  assert.match(await bob.locator("#chain-status").innerText(), /^Chain verified through seq \d+$/);
  await bob.screenshot({ path: join(o.shots, "dashboard-execution-succeeded.png"), fullPage: true });
  const closed = o.standin.filter((r) => r.method === "PATCH" && r.path === "/repos/acme/app/issues/1");
  assert.equal(closed.length, 1, "the stand-in got exactly one close call");
  log("execution succeeded; the stand-in got the close call; the trace chain verifies on the page");

  await bob.goto(`${base}/dashboard/executions`);
  await bob.screenshot({ path: join(o.shots, "dashboard-executions.png"), fullPage: true });
}
