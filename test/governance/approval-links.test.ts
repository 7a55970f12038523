import { describe, expect, it } from "vitest";
import { signApprovalToken } from "../../workers/approvals/token.ts";
import { type Admin, bootstrap, call, problem } from "../support/api.ts";
import { testSecrets } from "../support/test-secrets.ts";
import { approver, firstStep, runText, viewOf } from "./support.ts";

interface Listed {
  executionId: string;
  stepId: string;
  actionDigest: string;
  link: string | null;
  approvals: string[];
}

async function pending(key: string): Promise<Listed[]> {
  const res = await call("GET", "/v1/approvals", { key });
  return ((await res.json()) as { items: Listed[] }).items;
}

function pathOf(link: string | null): string {
  if (link === null) throw new Error("no link");
  return new URL(link).pathname;
}

const post = (path: string, decision = "approve") =>
  call("POST", path, { body: `decision=${decision}`, headers: { "content-type": "application/x-www-form-urlencoded" } });

async function forge(admin: Admin, claims: Partial<Parameters<typeof signApprovalToken>[1]> & { executionId: string; stepId: string; principalId: string; actionDigest: string }) {
  const token = await signApprovalToken(testSecrets.APPROVAL_SIGNING_KEY, {
    v: 1,
    tenantId: admin.tenantId,
    exp: Math.floor(Date.now() / 1000) + 600,
    jti: crypto.randomUUID(),
    ...claims,
  });
  return `/approve/${token}`;
}

describe("approval links", () => {
  it("GET shows the exact request and changes nothing; POST decides once; a replayed link is refused", async () => {
    const admin = await bootstrap("ln-a");
    const run = await runText(admin, "close acme/app#5");
    const [ann, bob] = [await approver(admin), await approver(admin)];
    const annLink = pathOf((await pending(ann.key))[0]?.link ?? null);

    for (let i = 0; i < 3; i++) {
      const page = await call("GET", annLink);
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain("github.issue.close");
      expect(html).toContain("acme");
    }
    const trace = (await (await call("GET", `/v1/traces/${run.traceId}`, { key: admin.key })).json()) as { events: { type: string }[] };
    expect(trace.events.some((e) => e.type === "controlPlane.execution.step.vote_recorded")).toBe(false);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).toBe("waiting_approval");

    const first = await post(annLink);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ approvals: 1, quorum: 2 });
    const replayed = await post(annLink);
    expect(replayed.status).toBe(409);
    expect((await problem(replayed)).code).toBe("TOKEN_ALREADY_USED");

    const bobLink = pathOf((await pending(bob.key))[0]?.link ?? null);
    expect((await post(bobLink)).status).toBe(200);
    expect(firstStep(await viewOf(admin.key, run.executionId)).state).not.toBe("waiting_approval");
    expect((await post(bobLink)).status).toBe(409);
  });

  it("refuses expired, forged, re-targeted and argument-changed tokens, and tokens for non-approvers or other tenants", async () => {
    const admin = await bootstrap("ln-b");
    const other = await bootstrap("ln-c");
    await runText(admin, "label acme/app#4 bug");
    const ann = await approver(admin);
    const [item] = await pending(ann.key);
    if (item === undefined) throw new Error("nothing pending");
    const base = { executionId: item.executionId, stepId: item.stepId, principalId: ann.principalId, actionDigest: item.actionDigest };

    const expired = await post(await forge(admin, { ...base, exp: Math.floor(Date.now() / 1000) - 1 }));
    expect((await problem(expired)).code).toBe("TOKEN_EXPIRED");
    expect((await call("GET", await forge(admin, { ...base, exp: Math.floor(Date.now() / 1000) - 1 }))).status).toBe(403);

    const valid = pathOf(item.link);
    const [body, mac] = valid.replace("/approve/", "").split(".");
    const flipped = `/approve/${body}.${(mac ?? "").startsWith("A") ? `B${(mac ?? "").slice(1)}` : `A${(mac ?? "").slice(1)}`}`;
    expect((await problem(await post(flipped))).code).toBe("TOKEN_INVALID");
    const claims = JSON.parse(atob((body ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const retargeted = btoa(JSON.stringify({ ...claims, principalId: admin.principalId })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect((await problem(await post(`/approve/${retargeted}.${mac}`))).code).toBe("TOKEN_INVALID");

    const changed = await post(await forge(admin, { ...base, actionDigest: "0".repeat(64) }));
    expect(changed.status).toBe(409);
    expect((await problem(changed)).code).toBe("ACTION_CHANGED");

    const outsider = await approver(admin, "auditors");
    expect((await problem(await post(await forge(admin, { ...base, principalId: outsider.principalId })))).code).toBe("NOT_AN_APPROVER");

    const crossTenant = await post(await forge(other, { ...base, principalId: other.principalId }));
    expect(crossTenant.status).toBe(404);

    expect(firstStep(await viewOf(admin.key, item.executionId)).state).toBe("waiting_approval");
    expect((await post(valid)).status).toBe(200);
  });
});
