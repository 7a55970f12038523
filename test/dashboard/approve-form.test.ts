import { describe, expect, it } from "vitest";
import { bootstrap } from "../support/api.ts";
import { runAlarms } from "../support/runtime.ts";
import { standin } from "../support/standin.ts";
import { approver, firstStep, runText, viewOf } from "../governance/support.ts";
import { csrfOf, login, page, postForm } from "./support.ts";

describe("deciding through the dashboard", () => {
  it("two approvers approve a high-risk step through the form; it runs and its page shows the DAG and a verified trace", async () => {
    const admin = await bootstrap("dash-approve");
    const run = await runText(admin, "close acme/app#4");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    const [ann, bob] = [await approver(admin), await approver(admin)];

    const annSession = await login(ann.key);
    const queue = await page("/dashboard/approvals", annSession);
    expect(queue.html).toContain(`data-step="${step.stepId}"`);
    expect(queue.html).toContain('class="tier-high"');

    const first = await postForm(`/dashboard/executions/${run.executionId}/approve`, { stepId: step.stepId, _csrf: await csrfOf(annSession) }, { origin: "http://cp.test", cookie: annSession });
    expect(first.status).toBe(303);
    expect(decodeURIComponent(first.headers.get("location") ?? "")).toContain("1 of 2 approvals");

    const again = await postForm(`/dashboard/executions/${run.executionId}/approve`, { stepId: step.stepId, _csrf: await csrfOf(annSession) }, { origin: "http://cp.test", cookie: annSession });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("ALREADY_DECIDED");

    const bobSession = await login(bob.key);
    const second = await postForm(`/dashboard/executions/${run.executionId}/approve`, { stepId: step.stepId, _csrf: await csrfOf(bobSession) }, { origin: "http://cp.test", cookie: bobSession });
    expect(decodeURIComponent(second.headers.get("location") ?? "")).toContain("2 of 2 approvals");
    await runAlarms(run.executionId);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("succeeded");
    expect((await standin.requests()).filter((r) => r.path.includes("/repos/acme/app/issues/4"))).toHaveLength(1);

    const detail = await page(`/dashboard/executions/${run.executionId}`, bobSession);
    expect(detail.html).toContain("<svg");
    expect(detail.html).toContain(`data-state="succeeded"`);
    expect(detail.html).toContain("Chain verified through seq");
  });

  it("the requester's own approval is refused with the API's problem code", async () => {
    const admin = await bootstrap("dash-self");
    const run = await runText(admin, "close acme/app#5");
    const step = firstStep(await viewOf(admin.key, run.executionId));
    const session = await login(admin.key);
    const res = await postForm(`/dashboard/executions/${run.executionId}/approve`, { stepId: step.stepId, _csrf: await csrfOf(session) }, { origin: "http://cp.test", cookie: session });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("SELF_APPROVAL_FORBIDDEN");
  });
});
