import type { DemoApi } from "./api.ts";
import { arr, expect, type Json, obj, say, step, str, toolOf } from "./output.ts";

/** Prints an execution's steps: state, and the policy verdict with its reason once decided. */
export function printSteps(execution: Json): void {
  for (const s of arr(execution.steps).map(obj)) {
    const verdict = obj(s.verdict);
    const decided = s.verdict === null ? "verdict when its dependencies succeed" : `verdict=${str(verdict.verdict)} tier=${str(verdict.tier)}`;
    say(`  ${str(s.stepId)}  ${toolOf(s).padEnd(20)} ${str(s.state).padEnd(17)} ${decided}`);
    if (s.verdict !== null) say(`      reason: ${str(verdict.reason)} (policy ${str(verdict.policyVersion)})`);
  }
}

/** Waits until a step of the execution waits for approval, then shows the execution's steps. */
export async function heldForApproval(api: DemoApi, executionId: string, key: string): Promise<Json> {
  const held = await api.until("a step waiting for approval", async () => {
    const execution = await api.ok("GET", `/v1/executions/${executionId}`, key);
    return execution.status === "waiting_approval" ? execution : undefined;
  });
  say(`execution ${executionId}: ${str(held.status)}`);
  printSteps(held);
  return held;
}

/**
 * Each approver fetches their own approval link (GET /v1/approvals), one link is opened (GET, which changes
 * nothing), then every approver decides through theirs (POST /approve/{token}).
 */
export async function approveThroughLinks(api: DemoApi, executionId: string, viewerKey: string, approvers: readonly { who: string; key: string }[]): Promise<void> {
  step("Approval links for each approver (GET /v1/approvals)");
  const links: { who: string; link: string }[] = [];
  for (const { who, key } of approvers) {
    const pending = arr((await api.ok("GET", "/v1/approvals", key)).items).map(obj);
    const item = pending.find((p) => p.executionId === executionId);
    expect(item !== undefined && typeof item.link === "string", `no approval link for ${who}`);
    const link = str(item.link);
    links.push({ who, link });
    say(`${who}: ${str(obj(item.tool).key)} quorum ${str(item.quorum)} (requester excluded: ${str(item.excludeRequester)})`);
    say(`   ${link.slice(0, 72)}…`);
  }

  step("Open a link (GET /approve/{token}): shows the request, changes nothing");
  const firstLink = links[0];
  expect(firstLink !== undefined, "no link");
  const pathOf = (link: string) => new URL(link).pathname;
  const page = await fetch(`${api.base}${pathOf(firstLink.link)}`);
  const html = await page.text();
  expect(page.status === 200, `the link page answered ${page.status}`);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "(untitled)";
  say(`${page.status} text/html "${title}", ${html.length} bytes, with an approve/reject form`);
  const after = await api.ok("GET", `/v1/executions/${executionId}`, viewerKey);
  expect(after.status === "waiting_approval", `opening the link changed the execution to ${str(after.status)}`);
  say(`execution still ${str(after.status)}`);

  step(`Decide through the links (POST /approve/{token}, decision=approve), ${approvers.length} approvers for a high-risk step`);
  for (const { who, link } of links) {
    const res = await fetch(`${api.base}${pathOf(link)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=approve",
    });
    const decided = obj(await res.json());
    expect(res.status === 200, `${who}'s decision answered ${res.status}: ${JSON.stringify(decided)}`);
    say(`${who}: ${res.status} ${str(decided.decision)}, ${str(decided.approvals)}/${str(decided.quorum)} approvals, step ${str(decided.stepState)}`);
  }
}
